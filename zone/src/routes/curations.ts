import {
  canonicalJson,
  createCurationRequestSchema,
  curationActionsRequestSchema,
  curationActionsResponseSchema,
  eventsQuerySchema,
  eventsResponseSchema,
  FigurlError,
  feedIdSchema,
  parseCuration,
  parseWith,
  zoneQuerySchema,
} from '@figurl/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorizeRequest } from '../auth/authorize-request.js';
import { resolveActor } from '../auth/resolve-actor.js';
import { type CurationRow, toCurationInfo } from '../curations/curation-store.js';
import { assertMayRead, assertMayWrite, type DocumentAccess } from '../feeds/feed-access.js';
import { prepareMessages } from '../feeds/prepare-messages.js';
import type { ZoneContext } from '../zone-context.js';

const curationParamsSchema = z.strictObject({ curationId: feedIdSchema });

/**
 * Curation documents (docs/protocol.md §7): create, read the reduced state and version, and
 * act (append actions, optionally against a version). The actions themselves are the feed
 * `curationId`: watch it (`/api/v1/feeds/:id/events`) to see every action live, attributed.
 * `GET /api/v1/events` lets zone admins (the GitHub app) read the outbox after a cursor.
 */
export async function curationRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  const { curations } = context;

  const load = async (request: FastifyRequest): Promise<CurationRow> => {
    const { curationId } = parseWith(curationParamsSchema, request.params, 'curation URL');
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const row = await curations.find(curationId);
    if (row === null || row.feed.zoneName !== zone) {
      throw new FigurlError('NOT_FOUND', `no curation ${curationId} in zone ${JSON.stringify(zone)}`);
    }
    return row;
  };
  const actorOf = (request: FastifyRequest) => resolveActor(context, request.headers);

  app.post('/api/v1/curations', async (request, reply) => {
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const body = parseWith(createCurationRequestSchema, request.body ?? {}, 'curation');
    const { actor } = await authorizeRequest(context, request, zone, 'upload');
    const feed = await curations.create({
      zoneName: zone,
      ownerId: actor.userId,
      label: body.label,
      editors: body.editors,
      editRepo: body.editRepo,
      publicRead: body.publicRead,
    });
    if (body.initial !== undefined) {
      const action = { type: 'SET_CURATION', curation: body.initial };
      const text = canonicalJson(action);
      await context.feeds.appender.append(feed, [
        { author: actor.userId, value: action, text, clientId: null, signature: null, signedAt: null },
      ]);
    }
    const row = await curations.find(feed.id);
    return reply.status(201).send(toCurationInfo(row as CurationRow));
  });

  app.get('/api/v1/curations/:curationId', async (request) => {
    const row = await load(request);
    await assertMayRead(context.identities, await actorOf(request), access(row));
    return toCurationInfo(row);
  });

  app.post('/api/v1/curations/:curationId/actions', async (request) => {
    const row = await load(request);
    const body = parseWith(curationActionsRequestSchema, request.body, 'curation actions');
    const actor = await actorOf(request);
    await assertMayWrite(context.identities, actor, access(row), context.repoPermissions);
    const { prepared } = await prepareMessages({
      feedId: row.feed.id,
      zoneName: row.feed.zoneName,
      messages: body.actions.map((action) => ({ message: action })),
      actor,
      identities: context.identities,
      now: context.now(),
      windowMs: context.signatureWindowMs,
    });
    const outcome = await context.feeds.appender.append(row.feed, prepared, { ifCount: body.ifVersion });
    context.feeds.hub.published(row.feed.id, outcome.messageCount);
    const after = (await curations.find(row.feed.id)) as CurationRow;
    return curationActionsResponseSchema.parse({
      curationId: row.feed.id,
      version: after.version,
      state: parseCuration(JSON.parse(after.state)),
    });
  });

  app.get('/api/v1/events', async (request) => {
    const { zone, ...query } = parseWith(eventsQuerySchema.extend(zoneQuerySchema.shape), request.query, 'query');
    await authorizeRequest(context, request, zone, 'admin');
    const rows = await context.outbox.read({ zone, topic: query.topic, after: query.after, limit: query.limit });
    return eventsResponseSchema.parse({
      events: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
      next: rows.at(-1)?.id ?? query.after,
    });
  });
}

function access(row: CurationRow): DocumentAccess {
  return {
    what: `curation ${row.feed.id}`,
    zoneName: row.feed.zoneName,
    ownerId: row.feed.ownerId,
    readers: row.feed.readers,
    writers: row.feed.writers,
    publicRead: row.feed.publicRead,
    editRepo: row.editRepo,
  };
}
