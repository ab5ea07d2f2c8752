import { createHash } from 'node:crypto';
import {
  type CanonicalJsonValue,
  FigurlError,
  type GatewayEnvelope,
  gatewayEnvelopeSchema,
  parseJsonPreservingNumbers,
  parseWith,
  verifyPayloadSignature,
} from '@figurl/sdk';
import { verifyEd25519 } from '@figurl/sdk/node';
import type { SeenRequestRepository } from '../repositories/seen-request-repository.js';

/**
 * Reads a kachery-gateway request from its raw body and checks it is genuine and fresh:
 * 1. strict schema (unknown fields refused, as the gateway's validateObject does);
 * 2. the timestamp within ±`windowMs` of the zone's clock (no ±24 h exception);
 * 3. the ed25519 signature over the SHA-1 of the payload's Python-canonical JSON — computed
 *    from the raw text, so floats the client wrote as `1.0` stay `1.0`;
 * 4. for requests that change state, not seen before: the signature's SHA-1 is recorded until
 *    the timestamp leaves the window, and a second arrival is refused as a replay. The 0.4
 *    client cannot add a nonce, and its signature covers the millisecond timestamp, so the
 *    signature serves as one. Reads (findFile, getClientInfo, …) are exempt: replaying one
 *    changes nothing, and parallel workers of one client legitimately send byte-identical
 *    reads within the same millisecond (the Python client's deterministic ed25519 signature).
 * Unsigned requests pass through with `signed: false` (downloads from public zones need none).
 */
export async function verifyGatewayRequest(options: {
  rawBody: string;
  seenRequests: SeenRequestRepository;
  now: Date;
  windowMs: number;
}): Promise<{ envelope: GatewayEnvelope; signed: boolean }> {
  const { rawBody, seenRequests, now, windowMs } = options;
  // Throws a clear INVALID_REQUEST on malformed JSON; once it passed, JSON.parse cannot fail.
  const preserved = parseJsonPreservingNumbers(rawBody);
  const plain: unknown = JSON.parse(rawBody);
  const envelope = parseWith(gatewayEnvelopeSchema, plain, `${typeOf(plain)} request`);
  const skew = envelope.payload.timestamp - now.getTime();
  if (Math.abs(skew) > windowMs) {
    throw new FigurlError(
      'UNAUTHORIZED',
      `request timestamp ${envelope.payload.timestamp} is ${Math.round(skew / 1000)} s from the zone's clock: expected within ±${windowMs / 1000} s (check the client machine's clock)`,
    );
  }
  if (envelope.fromClientId === undefined || envelope.signature === undefined) {
    if (envelope.fromClientId !== undefined || envelope.signature !== undefined) {
      throw new FigurlError(
        'INVALID_REQUEST',
        'invalid gateway request: expected both fromClientId and signature, or neither',
      );
    }
    return { envelope, signed: false };
  }
  const payload = (preserved as { payload: CanonicalJsonValue }).payload;
  if (
    !verifyPayloadSignature({
      payload,
      signature: envelope.signature,
      publicKey: envelope.fromClientId,
      verify: verifyEd25519,
    })
  ) {
    throw new FigurlError(
      'UNAUTHORIZED',
      `invalid signature for client ${envelope.fromClientId}: expected ed25519 over the SHA-1 of the payload's canonical JSON`,
    );
  }
  if (!stateChanging.has(envelope.payload.type)) return { envelope, signed: true };
  const signatureHash = createHash('sha1').update(envelope.signature).digest('hex');
  const expiresAt = new Date(envelope.payload.timestamp + windowMs);
  if (!(await seenRequests.recordOnce(signatureHash, expiresAt))) {
    throw new FigurlError(
      'UNAUTHORIZED',
      'replayed request: this signed request was already received; expected a fresh request',
    );
  }
  return { envelope, signed: true };
}

const stateChanging = new Set(['initiateFileUpload', 'finalizeFileUpload', 'deleteFile']);

function typeOf(body: unknown): string {
  const type = (body as { payload?: { type?: unknown } } | null)?.payload?.type;
  return typeof type === 'string' && /^[A-Za-z]{1,40}$/.test(type) ? type : 'gateway';
}
