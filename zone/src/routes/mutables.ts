import {
  type CanonicalJsonValue,
  deleteMutableQuerySchema,
  FigurlError,
  mutableHistoryQuerySchema,
  mutableQuerySchema,
  parseJsonPreservingNumbers,
  parseWith,
  setMutableRequestSchema,
} from '@figurl/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorizeRequest } from '../auth/authorize-request.js';
import { resolveActor } from '../auth/resolve-actor.js';
import { toMutableHistoryJson, toMutableInfo, toMutableJson } from '../mutables/to-mutable-json.js';
import { type WriteMutableInput, writeMutable } from '../mutables/write-mutable.js';
import type { ZoneContext } from '../zone-context.js';

const defaultHistoryLimit = 100;
const json = 'application/json; charset=utf-8';

/**
 * Mutables (docs/protocol.md §12): `GET|PUT|DELETE /api/v1/mutables?zone=&key=` and
 * `GET /api/v1/mutables/history`. Keys travel in the query: they hold "/" and "@".
 */
export async function mutableRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  // Values keep their numbers as written (1.0, long integers): they are stored as canonical JSON.
  // JSON only: Fastify's text/plain parser would hand a string to the schema.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonPreservingNumbers(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.addContentTypeParser('*', (request, _payload, done) => {
    const type = request.headers['content-type'] ?? '';
    done(new FigurlError('INVALID_REQUEST', `invalid Content-Type ${JSON.stringify(type)}: expected application/json`));
  });

  const write = async (request: FastifyRequest, input: Omit<WriteMutableInput, 'actor'>) => {
    const actor = await resolveActor(context, request.headers);
    return toMutableInfo(await writeMutable(context, { ...input, actor }));
  };

  app.get('/api/v1/mutables', async (request, reply) => {
    const { zone, key } = parseWith(mutableQuerySchema, request.query, 'mutable request');
    await authorizeRequest(context, request, zone, 'download');
    const row = await context.mutables.find(zone, key);
    if (row === null)
      throw new FigurlError('NOT_FOUND', `no mutable ${JSON.stringify(key)} in zone ${JSON.stringify(zone)}`);
    if (row.value === null) {
      throw new FigurlError(
        'NOT_FOUND',
        `no mutable ${JSON.stringify(key)} in zone ${JSON.stringify(zone)}: it was deleted at version ${row.version}`,
      );
    }
    return reply.type(json).send(toMutableJson({ ...row, value: row.value }));
  });

  app.put('/api/v1/mutables', async (request) => {
    const { zone, key } = parseWith(mutableQuerySchema, request.query, 'mutable request');
    if (request.body === undefined || request.body === null) {
      throw new FigurlError(
        'INVALID_REQUEST',
        'invalid set mutable request: expected a JSON body {"value": …} with Content-Type application/json',
      );
    }
    const body = parseWith(setMutableRequestSchema, request.body, 'set mutable request');
    return write(request, {
      zoneName: zone,
      key,
      value: body.value as CanonicalJsonValue,
      ifVersion: body.ifVersion,
      createOnly: body.createOnly,
      writers: body.writers,
    });
  });

  app.delete('/api/v1/mutables', async (request) => {
    const { zone, key, ifVersion } = parseWith(deleteMutableQuerySchema, request.query, 'mutable request');
    return write(request, { zoneName: zone, key, value: null, ifVersion });
  });

  app.get('/api/v1/mutables/history', async (request, reply) => {
    const query = parseWith(mutableHistoryQuerySchema, request.query, 'mutable request');
    const { zone, key } = query;
    await authorizeRequest(context, request, zone, 'download');
    if ((await context.mutables.find(zone, key)) === null) {
      throw new FigurlError('NOT_FOUND', `no mutable ${JSON.stringify(key)} in zone ${JSON.stringify(zone)}`);
    }
    const limit = query.limit ?? defaultHistoryLimit;
    // One more than asked tells whether another page follows.
    const versions = await context.mutables.listVersions(zone, key, query.after ?? 0, limit + 1);
    const page = versions.slice(0, limit);
    const next = versions.length > limit ? (page.at(-1)?.version ?? null) : null;
    return reply.type(json).send(toMutableHistoryJson(key, page, next));
  });
}
