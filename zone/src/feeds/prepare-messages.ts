import {
  type CanonicalJsonValue,
  canonicalJson,
  FigurlError,
  feedLimits,
  feedMessagePayload,
  verifyPayloadSignature,
} from '@figurl/sdk';
import { verifyEd25519 } from '@figurl/sdk/node';
import type { Actor } from '../auth/authorize.js';
import type { IdentityRepository } from '../repositories/identity-repository.js';
import type { PreparedMessage } from './feed-appender.js';

export interface IncomingMessage {
  message: unknown;
  clientId?: string | undefined;
  signature?: string | undefined;
  timestamp?: number | undefined;
}

/**
 * Checks messages before they queue for the feed's lock (all CPU work happens here): each
 * message's canonical JSON within the size limit; for a signed one, the client registered in
 * the zone (its owner becomes the author) and the signature valid over
 * `{type: 'appendFeedMessage', feedId, message, timestamp}`. A timestamp outside the window
 * is not refused yet: a resend of a stored message is answered with the original, so only a
 * new message is refused for it (at commit). Unsigned messages are the actor's.
 * Returns the prepared messages and the distinct authors, who must all be writers.
 */
export async function prepareMessages(options: {
  feedId: string;
  zoneName: string;
  messages: readonly IncomingMessage[];
  actor: Actor;
  identities: IdentityRepository;
  now: Date;
  windowMs: number;
}): Promise<{ prepared: PreparedMessage[]; authors: Actor[] }> {
  const { feedId, zoneName, actor, identities, now, windowMs } = options;
  const authors = new Map<string, Actor>();
  const prepared: PreparedMessage[] = [];
  for (const [index, m] of options.messages.entries()) {
    const value = m.message as CanonicalJsonValue;
    let text: string;
    try {
      text = canonicalJson(value);
    } catch (err) {
      throw new FigurlError(
        'INVALID_REQUEST',
        `invalid message ${index}: ${err instanceof Error ? err.message : String(err)}; expected a JSON value`,
      );
    }
    if (text.length > feedLimits.messageChars) {
      throw new FigurlError(
        'PAYLOAD_TOO_LARGE',
        `message ${index} is ${text.length} characters of canonical JSON: expected at most ${feedLimits.messageChars}; store large data as a blob and append its sha1:// URI`,
      );
    }
    if (m.signature === undefined || m.clientId === undefined || m.timestamp === undefined) {
      authors.set(`${actor.via}:${actor.userId}`, actor);
      prepared.push({ author: actor.userId, value, text, clientId: null, signature: null, signedAt: null });
      continue;
    }
    const client = await identities.findClient(zoneName, m.clientId);
    if (!client) {
      throw new FigurlError(
        'UNAUTHORIZED',
        `message ${index} is signed by client ${m.clientId}, which is not registered in zone ${JSON.stringify(zoneName)}: expected a registered client (figurl zone add-client)`,
      );
    }
    const valid = verifyPayloadSignature({
      payload: feedMessagePayload(feedId, value, m.timestamp),
      signature: m.signature,
      publicKey: m.clientId,
      verify: verifyEd25519,
    });
    if (!valid) {
      throw new FigurlError(
        'UNAUTHORIZED',
        `message ${index} has an invalid signature: expected client ${m.clientId}'s ed25519 signature of {type: "appendFeedMessage", feedId, message, timestamp}`,
      );
    }
    const skew = m.timestamp - now.getTime();
    const stale =
      Math.abs(skew) > windowMs
        ? `message ${index} was signed ${Math.round(skew / 1000)} s from the zone's clock: expected within ±${windowMs / 1000} s (a resend of a stored message is accepted at any age)`
        : undefined;
    const author: Actor = { userId: client.ownerId, via: 'client', clientId: m.clientId };
    authors.set(`client:${client.ownerId}`, author);
    prepared.push({
      author: client.ownerId,
      value,
      text,
      clientId: m.clientId,
      signature: m.signature,
      signedAt: m.timestamp,
      stale,
    });
  }
  return { prepared, authors: [...authors.values()] };
}
