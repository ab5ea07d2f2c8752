import { type CanonicalJsonValue, canonicalJson } from '../canonical-json/index.js';
import { type CreateHasher, createPortableHasher, sha1Hex } from '../hash/index.js';

/** The fields of a stored feed message that its hash covers. */
export interface FeedMessageRecord {
  feedId: string;
  seq: number;
  author: string;
  /** When the zone appended it, ms since the epoch. */
  timestamp: number;
  message: CanonicalJsonValue;
  previousHash: string | null;
  clientId: string | null;
  signature: string | null;
  signedAt: number | null;
}

const utf8 = new TextEncoder();

/**
 * A feed message's hash: SHA-1 (hex) of the canonical JSON of every field of the record,
 * `previousHash` included, so each message commits to the whole log before it.
 *
 * @example
 * feedMessageHash({ feedId, seq: 0, author: 'alice', timestamp, message: { x: 1 }, previousHash: null,
 *   clientId: null, signature: null, signedAt: null });
 */
export function feedMessageHash(record: FeedMessageRecord, createHasher: CreateHasher = createPortableHasher): string {
  const { message, ...fields } = record;
  return feedMessageHashOfText(fields, canonicalJson(message), createHasher);
}

/**
 * The same hash from the message's canonical JSON text, which the zone already holds: the
 * record's canonical JSON is built around it instead of canonicalising the message again.
 * Keys in code-point order put `message` between `feedId` and `previousHash`.
 */
export function feedMessageHashOfText(
  fields: Omit<FeedMessageRecord, 'message'>,
  messageText: string,
  createHasher: CreateHasher = createPortableHasher,
): string {
  const { feedId, seq, author, timestamp, previousHash, clientId, signature, signedAt } = fields;
  const before = canonicalJson({ author, clientId, feedId });
  const after = canonicalJson({ previousHash, seq, signature, signedAt, timestamp });
  const text = `${before.slice(0, -1)},"message":${messageText},${after.slice(1)}`;
  return sha1Hex(utf8.encode(text), createHasher);
}

/**
 * What a client signs to append `message` to a feed: `{type: 'appendFeedMessage', feedId,
 * message, timestamp}` (kachery's scheme: ed25519 over the SHA-1 of its canonical JSON).
 */
export function feedMessagePayload(feedId: string, message: CanonicalJsonValue, timestamp: number): CanonicalJsonValue {
  return { type: 'appendFeedMessage', feedId, message, timestamp };
}
