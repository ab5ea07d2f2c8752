import { fromHex, toHex } from '../bytes/hex.js';
import { type CanonicalJsonValue, canonicalJson } from '../canonical-json/index.js';
import { createPortableHasher } from '../hash/hasher.js';
import { ed25519 } from './ed25519.js';

const utf8 = new TextEncoder();

/** The 20 raw bytes that kachery signs: SHA-1 of the payload's Python-canonical JSON. */
export function payloadDigest(payload: CanonicalJsonValue): Uint8Array {
  const h = createPortableHasher('sha1');
  h.update(utf8.encode(canonicalJson(payload)));
  return h.digest();
}

/**
 * Signs a gateway payload exactly as the kachery-cloud Python client does: ed25519 over the
 * raw SHA-1 of `simplejson.dumps(payload, separators=(',',':'), sort_keys=True)`.
 *
 * @example
 * signPayload({ type: 'findFile', timestamp: Date.now(), hashAlg: 'sha1', hash }, keyPair.privateKey)
 */
export function signPayload(payload: CanonicalJsonValue, privateKey: string): string {
  const seed = fromHex(privateKey, { what: 'private key', length: 32 });
  return toHex(ed25519.sign(payloadDigest(payload), seed));
}

/**
 * Whether `signature` (128 hex) is `publicKey`'s (64 hex) signature of `payload`. Malformed
 * hex is not a valid signature. `legacy: true` also accepts the gateway's fallback scheme,
 * ed25519 over the canonical text itself with no SHA-1 prehash.
 */
export function verifyPayloadSignature(options: {
  payload: CanonicalJsonValue;
  signature: string;
  publicKey: string;
  legacy?: boolean;
  /** The ed25519 check; servers pass node:crypto's (`verifyEd25519` from `@figurl/sdk/node`). */
  verify?: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
}): boolean {
  const check = options.verify ?? ed25519.verify;
  let signature: Uint8Array;
  let publicKey: Uint8Array;
  try {
    signature = fromHex(options.signature, { what: 'signature', length: 64 });
    publicKey = fromHex(options.publicKey, { what: 'public key', length: 32 });
  } catch {
    return false;
  }
  if (check(signature, payloadDigest(options.payload), publicKey)) return true;
  return options.legacy === true && check(signature, utf8.encode(canonicalJson(options.payload)), publicKey);
}
