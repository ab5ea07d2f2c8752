import type { CanonicalJsonValue } from '../canonical-json/index.js';
import type { KeyPair } from './key-pair.js';
import { signPayload } from './sign-payload.js';

/**
 * The kachery-gateway envelope of a payload, signed as the Python client signs it:
 * `{ payload, fromClientId, signature }`.
 *
 * @example
 * await fetch(`${zone}/api/gateway`, { method: 'POST', body: JSON.stringify(signEnvelope(payload, keys)) });
 */
export function signEnvelope<P extends CanonicalJsonValue>(
  payload: P,
  keys: KeyPair,
): { payload: P; fromClientId: string; signature: string } {
  return { payload, fromClientId: keys.publicKey, signature: signPayload(payload, keys.privateKey) };
}
