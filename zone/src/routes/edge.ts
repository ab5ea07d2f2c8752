import websocket from '@fastify/websocket';
import {
  blobSchema,
  edgeRequestQuerySchema,
  edgeRequestSchema,
  FigurlError,
  parseWith,
  requestBlobResponseSchema,
  sha1HashSchema,
  shareConnectQuerySchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertMayReadBlobs } from '../auth/assert-may-read-blobs.js';
import { authorizeRequest } from '../auth/authorize-request.js';
import type { EdgeRequestRow } from '../edge/edge-repository.js';
import { requestBlob } from '../edge/request-blob.js';
import { settleRequest, toEdgeRequest } from '../edge/settle-request.js';
import { runShareSession } from '../edge/share-session.js';
import type { ZoneContext } from '../zone-context.js';

const hashParamsSchema = z.strictObject({ hash: sha1HashSchema });
const requestParamsSchema = z.strictObject({ hash: sha1HashSchema, requestId: z.uuid() });
/** Share messages are small: announce batches of 1000 files are ~60 kB. */
const maxMessageBytes = 1 << 20;

/**
 * Edge resources (docs/protocol.md §11): the WebSocket `figurl share` keeps open, and the
 * requests clients make for blobs only a resource holds. Connecting needs the zone's upload
 * right (a token with scope `upload`, or an open zone); requesting needs its download right.
 */
export async function edgeRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  // Registered in this scope only: no other route is wrapped by the plugin's upgrade handling.
  await app.register(websocket, { options: { maxPayload: maxMessageBytes } });
  const connecting = new WeakMap<FastifyRequest, { zoneName: string; ownerId: string; name: string }>();

  app.route({
    method: 'GET',
    url: '/api/v1/edge/connect',
    // Runs before the upgrade: a refusal is an ordinary HTTP answer (401, 403, 400).
    preValidation: async (request) => {
      const { zone, name } = parseWith(shareConnectQuerySchema, request.query, 'query');
      const { actor } = await authorizeRequest(context, request, zone, 'upload');
      connecting.set(request, { zoneName: zone, ownerId: actor.userId, name });
    },
    handler: async () => {
      throw new FigurlError('INVALID_REQUEST', 'expected a WebSocket upgrade: figurl share connects here');
    },
    wsHandler: async (socket, request) => {
      const who = connecting.get(request);
      if (who === undefined) {
        socket.close(1011, 'not authorized');
        return;
      }
      await runShareSession(context, socket, { ...who, log: request.log });
    },
  });

  app.post('/api/v1/blobs/:hash/request', async (request, reply) => {
    const { hash } = parseWith(hashParamsSchema, request.params, 'blob URL');
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const { actor } = await authorizeRequest(context, request, zone, 'download');
    const blob = await context.storage.blobs.find(hash);
    if (blob) {
      await assertMayReadBlobs(context, actor, [hash]);
      return requestBlobResponseSchema.parse({ status: 'exists', blob: blobSchema.parse(blob) });
    }
    const { request: row, created } = await requestBlob(context, {
      zoneName: zone,
      sha1: hash,
      requestedBy: actor.userId,
    });
    return reply
      .status(created ? 201 : 200)
      .send(requestBlobResponseSchema.parse({ status: 'requested', request: describe(row) }));
  });

  app.get('/api/v1/blobs/:hash/request/:requestId', async (request) => {
    const { hash, requestId } = parseWith(requestParamsSchema, request.params, 'request URL');
    const query = parseWith(edgeRequestQuerySchema, request.query, 'query');
    await authorizeRequest(context, request, query.zone, 'download');
    const load = async () => {
      const row = await context.edge.repository.findRequest(requestId);
      if (row === null || row.sha1 !== hash || row.zoneName !== query.zone) {
        throw new FigurlError(
          'NOT_FOUND',
          `no request ${requestId} for sha1://${hash} in zone ${JSON.stringify(query.zone)}`,
        );
      }
      return settleRequest(context, row);
    };
    let { request: row, failsAt } = await load();
    const first = describe(row);
    const known = { state: query.state ?? first.state, bytes: query.bytes ?? first.bytes };
    const deadline = Date.now() + query.wait * 1000;
    const gone = new AbortController();
    request.raw.once('close', () => gone.abort());
    const signal = AbortSignal.any([gone.signal, context.edge.hub.closed]);
    for (;;) {
      const now = describe(row);
      const changed =
        now.state !== known.state || now.bytes !== known.bytes || now.resource.connected !== first.resource.connected;
      const finished = now.state === 'completed' || now.state === 'failed';
      const left = deadline - Date.now();
      if (changed || finished || left <= 0 || signal.aborted) return edgeRequestSchema.parse(now);
      // Wake for a change, or when the request would fail for its resource being away.
      const untilFailure = failsAt === null ? left : failsAt.getTime() - context.now().getTime() + 10;
      await context.edge.hub.waitForChange(requestId, Math.max(0, Math.min(left, untilFailure)), signal);
      ({ request: row, failsAt } = await load());
    }
  });

  function describe(row: EdgeRequestRow) {
    return toEdgeRequest(row, context.now(), context.edge.silenceMs);
  }
}
