import {
  appendFeedRequestSchema,
  appendFeedResponseSchema,
  createFeedRequestSchema,
  FigurlError,
  feedEventsQuerySchema,
  feedIdSchema,
  feedLimits,
  parseJsonPreservingNumbers,
  parseWith,
  readFeedQuerySchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { authorizeRequest } from '../auth/authorize-request.js';
import { resolveActor } from '../auth/resolve-actor.js';
import { assertMayRead, assertMayWrite, assertOwner, type DocumentAccess } from '../feeds/feed-access.js';
import { type FeedMessageRow, type FeedPage, type FeedRow, feedMessageJson, toFeedInfo } from '../feeds/feed-store.js';
import { prepareMessages } from '../feeds/prepare-messages.js';
import type { ZoneContext } from '../zone-context.js';

const feedParamsSchema = z.strictObject({ feedId: feedIdSchema });

/** Largest append body: a full batch of maximal messages does not fit, 8 MiB does most. */
const appendBodyLimit = 8 << 20;
const keepAliveMs = 15_000;

/**
 * Feeds (docs/protocol.md §6): create, info, delete, append (all or nothing), read with
 * long-poll, and Server-Sent Events. Feed rows are cached for a second per replica: appends
 * re-check the row under its lock, so a cached row can only delay a reader's view of a
 * deletion or of changed readers by that second.
 */
export async function feedRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  const { feeds } = context;
  const cache = new LRUCache<string, FeedRow>({ max: 10_000, ttl: 1000 });
  const reads = new Map<string, Promise<FeedPage>>();

  // Messages keep their numbers as written (1.0, big integers): canonical JSON and signatures
  // depend on it.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonPreservingNumbers(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  /** The feed named in the URL; `fresh` skips the cache (for answers that show its head). */
  const loadFeed = async (request: FastifyRequest, fresh = false): Promise<FeedRow> => {
    const { feedId } = parseWith(feedParamsSchema, request.params, 'feed URL');
    const { zone } = parseWith(zoneQuerySchema.loose(), request.query, 'query');
    const feed = (fresh ? undefined : cache.get(feedId)) ?? (await feeds.store.find(feedId));
    if (feed === null || feed === undefined || feed.zoneName !== zone) {
      throw new FigurlError('NOT_FOUND', `no feed ${feedId} in zone ${JSON.stringify(zone)}`);
    }
    cache.set(feedId, feed);
    return feed;
  };
  const actorOf = (request: FastifyRequest) => resolveActor(context, request.headers);
  /** One query for every reader that asks for the same page at once (a wake-up of many waiters). */
  const readOnce = (feedId: string, from: number, limit: number) => {
    const key = `${feedId}:${from}:${limit}`;
    let pending = reads.get(key);
    if (!pending) {
      pending = feeds.store
        .readMessages(feedId, from, limit)
        .then((page) => {
          if (page === null) throw new FigurlError('NOT_FOUND', `no feed ${feedId}: it was deleted`);
          return page;
        })
        .finally(() => reads.delete(key));
      reads.set(key, pending);
    }
    return pending;
  };

  app.post('/api/v1/feeds', async (request, reply) => {
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const body = parseWith(createFeedRequestSchema, request.body ?? {}, 'feed');
    const { actor } = await authorizeRequest(context, request, zone, 'upload');
    const feed = await feeds.store.create({ zoneName: zone, ownerId: actor.userId, ...body });
    return reply.status(201).send(toFeedInfo(feed));
  });

  app.get('/api/v1/feeds/:feedId', async (request) => {
    const feed = await loadFeed(request, true);
    await assertMayRead(context.identities, await actorOf(request), access(feed));
    return toFeedInfo(feed);
  });

  app.delete('/api/v1/feeds/:feedId', async (request) => {
    const feed = await loadFeed(request);
    await assertOwner(context.identities, await actorOf(request), access(feed));
    await feeds.store.remove(feed.id, context.now());
    cache.delete(feed.id);
    return { feedId: feed.id, deleted: true };
  });

  app.post('/api/v1/feeds/:feedId/messages', { bodyLimit: appendBodyLimit }, async (request) => {
    const feed = await loadFeed(request);
    const body = parseWith(appendFeedRequestSchema, request.body, 'append request');
    const actor = await actorOf(request);
    const { prepared, authors } = await prepareMessages({
      feedId: feed.id,
      zoneName: feed.zoneName,
      messages: body.messages,
      actor,
      identities: context.identities,
      now: context.now(),
      windowMs: context.signatureWindowMs,
    });
    for (const author of authors) await assertMayWrite(context.identities, author, access(feed));
    const outcome = await feeds.appender.append(feed, prepared, { previousHash: body.previousHash });
    feeds.hub.published(feed.id, outcome.messageCount);
    return appendFeedResponseSchema.parse({ feedId: feed.id, ...outcome });
  });

  app.get('/api/v1/feeds/:feedId/messages', async (request, reply) => {
    const feed = await loadFeed(request);
    const { from, limit, wait } = parseWith(readFeedQuerySchema, request.query, 'query');
    await assertMayRead(context.identities, await actorOf(request), access(feed));
    let page = await readOnce(feed.id, from, limit);
    if (page.messages.length === 0 && wait > 0) {
      const gone = new AbortController();
      request.raw.once('close', () => gone.abort());
      await feeds.hub.waitBeyond(feed.id, from, wait * 1000, AbortSignal.any([gone.signal, feeds.hub.closed]));
      page = await readOnce(feed.id, from, limit);
    }
    reply.type('application/json');
    // Built as text: each message's value is spliced in exactly as stored.
    const messages = page.messages.map(feedMessageJson).join(',');
    return `{"feedId":"${feed.id}","from":${from},"messages":[${messages}],"messageCount":${page.messageCount},"headHash":${JSON.stringify(page.headHash)}}`;
  });

  app.get('/api/v1/feeds/:feedId/events', async (request, reply) => {
    const feed = await loadFeed(request);
    const query = parseWith(feedEventsQuerySchema, request.query, 'query');
    await assertMayRead(context.identities, await actorOf(request), access(feed));
    const lastEventId = request.headers['last-event-id'];
    let from = query.from;
    if (typeof lastEventId === 'string' && /^\d+$/.test(lastEventId)) from = Number(lastEventId) + 1;

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const gone = new AbortController();
    request.raw.once('close', () => gone.abort());
    const stop = AbortSignal.any([gone.signal, feeds.hub.closed]);
    // Tell EventSource how soon to reconnect after a drop.
    res.write('retry: 2000\n\n');
    try {
      while (!stop.aborted) {
        const rows = (await readOnce(feed.id, from, feedLimits.messagesPerRead)).messages;
        for (const row of rows) res.write(`id: ${row.seq}\nevent: message\ndata: ${feedMessageJson(row)}\n\n`);
        if (rows.length > 0) {
          from = (rows.at(-1) as FeedMessageRow).seq + 1;
          continue;
        }
        const woken = await feeds.hub.waitBeyond(feed.id, from, keepAliveMs, stop);
        // A comment line now and then keeps proxies from closing an idle stream.
        if (!woken && !stop.aborted) res.write(': keep-alive\n\n');
      }
    } catch (err) {
      request.log.warn({ err, feedId: feed.id }, 'feed event stream failed');
      const message = err instanceof FigurlError ? err.message : 'the zone could not read the feed; reconnect';
      res.write(`event: error\ndata: ${JSON.stringify({ message })}\n\n`);
    } finally {
      res.end();
    }
  });
}

function access(feed: FeedRow): DocumentAccess {
  return {
    what: `feed ${feed.id}`,
    zoneName: feed.zoneName,
    ownerId: feed.ownerId,
    readers: feed.readers,
    writers: feed.writers,
    publicRead: feed.publicRead,
  };
}
