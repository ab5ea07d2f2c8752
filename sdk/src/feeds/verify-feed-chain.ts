import type { CanonicalJsonValue } from '../canonical-json/index.js';
import { FigurlError } from '../errors/index.js';
import { verifyPayloadSignature } from '../signing/index.js';
import { type FeedMessageRecord, feedMessageHash, feedMessagePayload } from './feed-message-hash.js';

export interface FeedChainMessage extends Omit<FeedMessageRecord, 'feedId' | 'message'> {
  /** As read with parseJsonPreservingNumbers (what the feed client returns). */
  message: unknown;
  hash: string;
}

export interface VerifyFeedChainOptions {
  feedId: string;
  /** The hash before the first message given: null when it is seq 0, else the hash of seq `from - 1`. */
  previousHash: string | null;
  /** The seq of the first message given (default 0). */
  from?: number;
  /** The ed25519 check for signed messages (servers pass node:crypto's); default the portable one. */
  verify?: (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;
}

/**
 * Checks a run of feed messages as a reader must: seqs consecutive from `from`, each message's
 * `previousHash` the hash of the one before, each `hash` recomputed from its fields, and each
 * signature valid for its client over `{type: 'appendFeedMessage', feedId, message, timestamp}`.
 * Messages must carry their values as the zone stored them: parse responses with
 * `parseJsonPreservingNumbers` (1.0 and 1 hash differently). Returns the last hash; throws a
 * FigurlError naming the first message that breaks the chain.
 *
 * @example
 * const head = verifyFeedChain(messages, { feedId, previousHash: null });
 */
export function verifyFeedChain(messages: readonly FeedChainMessage[], options: VerifyFeedChainOptions): string | null {
  const { feedId } = options;
  let previous = options.previousHash;
  let expectedSeq = options.from ?? 0;
  for (const m of messages) {
    const broken = (why: string) =>
      new FigurlError('HASH_MISMATCH', `feed ${feedId} message ${m.seq} breaks the chain: ${why}`);
    if (m.seq !== expectedSeq) throw broken(`expected seq ${expectedSeq}`);
    if (m.previousHash !== previous)
      throw broken(`previousHash ${m.previousHash} is not the hash before it (${previous})`);
    const recomputed = feedMessageHash({ ...m, message: m.message as CanonicalJsonValue, feedId });
    if (recomputed !== m.hash) throw broken(`its fields hash to ${recomputed}, not ${m.hash}`);
    if (m.signature !== null || m.clientId !== null || m.signedAt !== null) {
      if (m.signature === null || m.clientId === null || m.signedAt === null) {
        throw broken('expected clientId, signature and signedAt together');
      }
      const valid = verifyPayloadSignature({
        payload: feedMessagePayload(feedId, m.message as CanonicalJsonValue, m.signedAt),
        signature: m.signature,
        publicKey: m.clientId,
        ...(options.verify === undefined ? {} : { verify: options.verify }),
      });
      if (!valid) throw broken(`the signature is not client ${m.clientId}'s`);
    }
    previous = m.hash;
    expectedSeq++;
  }
  return previous;
}
