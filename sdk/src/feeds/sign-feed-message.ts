import type { CanonicalJsonValue } from '../canonical-json/index.js';
import type { KeyPair } from '../signing/index.js';
import { signPayload } from '../signing/index.js';
import { feedMessagePayload } from './feed-message-hash.js';

/**
 * A message ready to append, signed by a kachery client key: the zone records the client's
 * owner as its author, and a resend of the same signed message is answered with the original.
 *
 * @example
 * await feeds.append(feedId, [signFeedMessage(keyPair, feedId, { unit: 3, label: 'accept' }, Date.now())]);
 */
export function signFeedMessage(
  keyPair: KeyPair,
  feedId: string,
  message: CanonicalJsonValue,
  timestamp: number,
): { message: CanonicalJsonValue; clientId: string; signature: string; timestamp: number } {
  const signature = signPayload(feedMessagePayload(feedId, message, timestamp), keyPair.privateKey);
  return { message, clientId: keyPair.publicKey, signature, timestamp };
}
