import {
  FigurlError,
  listPinsQuerySchema,
  listPinsResponseSchema,
  parseWith,
  pinRequestSchema,
  pinSchema,
  sha1HashSchema,
  unpinResponseSchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorizeRequest } from '../auth/authorize-request.js';
import type { ZoneContext } from '../zone-context.js';

const hashParamsSchema = z.strictObject({ hash: sha1HashSchema });

/**
 * Pins (docs/protocol.md §8): `POST /api/v1/pins/:hash` keeps a stored blob for the caller
 * (optionally as scratch, until `expiresInSeconds`), `DELETE` removes the caller's pin, `GET
 * /api/v1/pins` lists them. Pinning needs the upload right in `?zone=`. Unpinning and listing
 * need a signed-in user: "anonymous" pins are shared by everyone who uploads anonymously, so no
 * one of them may drop them.
 */
export async function pinRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  app.post('/api/v1/pins/:hash', async (request) => {
    const { hash } = parseWith(hashParamsSchema, request.params, 'pin URL');
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const body = parseWith(pinRequestSchema, request.body ?? {}, 'pin request');
    const { actor } = await authorizeRequest(context, request, zone, 'upload');
    const expiresAt =
      body.expiresInSeconds === undefined ? null : new Date(context.now().getTime() + body.expiresInSeconds * 1000);
    const pin = await context.pins.pinStored({ sha1: hash, userId: actor.userId, expiresAt });
    if (!pin) {
      throw new FigurlError(
        'NOT_FOUND',
        `no blob sha1://${hash} in this zone: expected stored content (figurl store <file> stores and pins it)`,
      );
    }
    return pinSchema.parse(pin);
  });

  app.delete('/api/v1/pins/:hash', async (request) => {
    const { hash } = parseWith(hashParamsSchema, request.params, 'pin URL');
    const user = await signedInUser(context, request, parseWith(zoneQuerySchema, request.query, 'query').zone);
    if (!(await context.pins.unpin(hash, user))) {
      throw new FigurlError('NOT_FOUND', `user ${JSON.stringify(user)} has no pin of sha1://${hash}`);
    }
    return unpinResponseSchema.parse({ sha1: hash, user, unpinned: true });
  });

  app.get('/api/v1/pins', async (request) => {
    const query = parseWith(listPinsQuerySchema, request.query, 'query');
    const user = await signedInUser(context, request, query.zone);
    // One more than asked: whether a next page exists, without a count.
    const pins = await context.pins.list(user, { after: query.after, limit: query.limit + 1 });
    const page = pins.slice(0, query.limit);
    return listPinsResponseSchema.parse({
      pins: page,
      next: pins.length > query.limit ? (page.at(-1)?.sha1 ?? null) : null,
    });
  });
}

async function signedInUser(context: ZoneContext, request: FastifyRequest, zone: string): Promise<string> {
  const { actor } = await authorizeRequest(context, request, zone, 'upload');
  if (actor.via === 'anonymous') {
    throw new FigurlError(
      'UNAUTHORIZED',
      'managing pins needs credentials: expected a bearer token (pins of anonymous uploads are shared by everyone and stay)',
    );
  }
  return actor.userId;
}
