import { FigurlError, quote } from '../errors/index.js';
import { sha1Hex } from '../hash/digest-stream.js';
import type { CreateHasher } from '../hash/hasher.js';
import type { ZoneClient } from '../zone-client/create-zone-client.js';

export interface StoredBytes {
  sha1: string;
  size: number;
  /** False when the zone already held these bytes and nothing was sent. */
  uploaded: boolean;
}

/**
 * Stores bytes held in memory on a zone through the verified upload: initiate (the zone may
 * already hold them), one PUT, finalize, which makes the zone re-hash what it received and
 * refuse a mismatch. `storeFile` (`@figurl/sdk/node`) is the same for a file on disk.
 *
 * @example
 * const { sha1 } = await storeBytes(zone, new TextEncoder().encode('{"spec":{}}'));
 */
export async function storeBytes(
  zone: ZoneClient,
  bytes: Uint8Array,
  options: {
    createHasher?: CreateHasher | undefined;
    /** The bytes' SHA-1 when already known: not computed again (the zone re-hashes anyway). */
    sha1?: string | undefined;
  } = {},
): Promise<StoredBytes> {
  const sha1 = options.sha1 ?? sha1Hex(bytes, options.createHasher);
  const size = bytes.byteLength;
  const answer = await zone.initiateUpload({ sha1, size });
  if (answer.status === 'exists') {
    checkBlob(answer.blob.sha1, sha1);
    return { sha1, size, uploaded: false };
  }
  await zone.uploadBytes(answer.uploadUrl, bytes, size);
  const { blob } = await zone.finalizeUpload(answer.uploadId);
  checkBlob(blob.sha1, sha1);
  return { sha1, size, uploaded: true };
}

function checkBlob(got: string, expected: string): void {
  if (got !== expected) {
    throw new FigurlError('INTERNAL', `the zone answered for blob ${quote(got)}: expected ${quote(expected)}`);
  }
}
