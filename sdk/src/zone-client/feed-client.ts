import type { z } from 'zod';
import { type CanonicalJsonValue, canonicalJson } from '../canonical-json/index.js';
import { FigurlError, quote } from '../errors/index.js';
import {
  appendFeedResponseSchema,
  type createFeedRequestSchema,
  type FeedInfo,
  type FeedMessage,
  feedIdSchema,
  feedSchema,
  readFeedResponseSchema,
} from '../schemas/feeds.js';
import { parseWith } from '../schemas/parse-with.js';
import { requestZoneJson } from './request-zone-json.js';
import type { ZoneConnection } from './send-zone-request.js';

export type CreateFeedRequest = z.infer<typeof createFeedRequestSchema>;
export type AppendFeedResult = z.infer<typeof appendFeedResponseSchema>;
export type ReadFeedResult = z.infer<typeof readFeedResponseSchema>;

/** A message to append: a bare JSON value, or one signed with `signFeedMessage`. */
export type FeedMessageInput =
  | { message: CanonicalJsonValue }
  | { message: CanonicalJsonValue; clientId: string; signature: string; timestamp: number };

export interface ReadFeedOptions {
  /** First seq to return (default 0). */
  from?: number;
  /** At most this many messages (default and maximum 1000). */
  limit?: number;
  /** Seconds to wait for a first message when there is none at `from` yet (0–30). */
  wait?: number;
  signal?: AbortSignal;
}

/** Feeds of one zone (docs/protocol.md §6). Messages come back as the zone stored them (lossless). */
export interface FeedClient {
  create(request?: CreateFeedRequest): Promise<FeedInfo>;
  info(feedId: string): Promise<FeedInfo>;
  /** All or nothing; `previousHash` (null: the feed must be empty) makes a stale view CONFLICT. */
  append(
    feedId: string,
    messages: readonly FeedMessageInput[],
    options?: { previousHash?: string | null },
  ): Promise<AppendFeedResult>;
  read(feedId: string, options?: ReadFeedOptions): Promise<ReadFeedResult>;
  /** Messages from `from` on, as they arrive (long-polls of up to 30 s), until `signal` aborts. */
  watch(feedId: string, options?: { from?: number; signal?: AbortSignal }): AsyncGenerator<FeedMessage>;
  /** Deletes the feed (owner only): reads answer NOT_FOUND afterwards. */
  remove(feedId: string): Promise<void>;
}

/**
 * @example
 * const feeds = createFeedClient(zone.connection);
 * const { feedId } = await feeds.create({ label: 'results' });
 * await feeds.append(feedId, [{ message: { step: 1 } }]);
 * for await (const m of feeds.watch(feedId, { signal })) console.log(m.seq, m.message);
 */
export function createFeedClient(connection: ZoneConnection): FeedClient {
  const feedPath = (feedId: string) => `api/v1/feeds/${checkFeedId(feedId)}`;
  const client: FeedClient = {
    create: (request = {}) =>
      requestZoneJson(
        connection,
        { what: 'create feed', method: 'POST', path: 'api/v1/feeds', body: request },
        feedSchema,
      ),

    info: (feedId) =>
      requestZoneJson(connection, { what: 'get feed', method: 'GET', path: feedPath(feedId) }, feedSchema),

    append(feedId, messages, options = {}) {
      const body: Record<string, CanonicalJsonValue> = { messages: messages as unknown as CanonicalJsonValue };
      if (options.previousHash !== undefined) body.previousHash = options.previousHash;
      // canonicalJson, not JSON.stringify: big integers and floats such as 1.0 go as written.
      return requestZoneJson(
        connection,
        { what: 'append to feed', method: 'POST', path: `${feedPath(feedId)}/messages`, bodyText: canonicalJson(body) },
        appendFeedResponseSchema,
      );
    },

    read(feedId, options = {}) {
      const { from, limit, wait, signal } = options;
      return requestZoneJson(
        connection,
        {
          what: 'read feed',
          method: 'GET',
          path: `${feedPath(feedId)}/messages`,
          query: { from, limit, wait },
          lossless: true,
          ...(signal === undefined ? {} : { signal }),
        },
        readFeedResponseSchema,
      );
    },

    async *watch(feedId, options = {}) {
      let from = options.from ?? 0;
      const { signal } = options;
      while (!signal?.aborted) {
        // A signal per read: fetch may keep its abort listener until the response is collected,
        // and a watch makes thousands of reads.
        const read = new AbortController();
        const abort = () => read.abort();
        signal?.addEventListener('abort', abort, { once: true });
        let page: ReadFeedResult;
        try {
          page = await client.read(feedId, { from, wait: 25, signal: read.signal });
        } catch (err) {
          if (signal?.aborted) return;
          // The zone restarting or its database away: wait a little, then ask again.
          if (err instanceof FigurlError && err.code === 'UNAVAILABLE') {
            await new Promise((resolve) => setTimeout(resolve, 1000));
            continue;
          }
          throw err;
        } finally {
          signal?.removeEventListener('abort', abort);
        }
        for (const message of page.messages) {
          yield message;
          from = message.seq + 1;
        }
      }
    },

    async remove(feedId) {
      await requestZoneJson(
        connection,
        { what: 'delete feed', method: 'DELETE', path: feedPath(feedId) },
        feedSchema.pick({ feedId: true }).loose(),
      );
    },
  };
  return client;
}

function checkFeedId(feedId: string): string {
  try {
    return parseWith(feedIdSchema, feedId, 'feed id');
  } catch {
    throw new FigurlError('INVALID_REQUEST', `invalid feed id ${quote(feedId)}: expected 12 lowercase letters`);
  }
}
