import { createHmac, timingSafeEqual } from 'node:crypto';
import { FigurlError } from '@figurl/sdk';

export interface BlobUrlClaim {
  hash: string;
  zone: string;
  /** Unix time, seconds, after which the URL no longer works. */
  expires: number;
}

/**
 * HMAC-SHA256 (hex) of a download link: `figurl-blob-url-v1`, the hash, the zone and the expiry,
 * one per line. The zone is signed too, so a link cannot be moved to another zone's accounting.
 *
 * @example
 * const signature = signBlobUrl(secret, { hash, zone: 'default', expires: 1_800_000_000 });
 */
export function signBlobUrl(secret: string, claim: BlobUrlClaim): string {
  return createHmac('sha256', secret)
    .update(`figurl-blob-url-v1\n${claim.hash}\n${claim.zone}\n${claim.expires}`)
    .digest('hex');
}

/**
 * Throws UNAUTHORIZED unless `signature` is this zone's signature of the claim and the claim has
 * not expired at `now`. The comparison takes the same time wherever the signatures differ.
 */
export function verifyBlobUrl(secret: string, claim: BlobUrlClaim, signature: string, now: Date): void {
  const expected = Buffer.from(signBlobUrl(secret, claim), 'hex');
  const given = Buffer.from(signature, 'hex');
  const fresh = `expected a fresh link from POST /api/v1/blobs/${claim.hash}/signed-url`;
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new FigurlError(
      'UNAUTHORIZED',
      `invalid signature on the link to sha1://${claim.hash} in zone ${JSON.stringify(claim.zone)}: ${fresh}`,
    );
  }
  if (claim.expires * 1000 <= now.getTime()) {
    const when = new Date(claim.expires * 1000).toISOString();
    throw new FigurlError('UNAUTHORIZED', `the link to sha1://${claim.hash} expired at ${when}: ${fresh}`);
  }
}
