import {
  FigurlError,
  parseWith,
  sha1HashSchema,
  signedUrlRequestSchema,
  signedUrlResponseSchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { assertMayReadBlobs } from '../auth/assert-may-read-blobs.js';
import { authorizeRequest } from '../auth/authorize-request.js';
import { createSignedBlobUrl } from '../auth/create-signed-blob-url.js';
import { baseUrlOf, type ZoneContext } from '../zone-context.js';

const hashParamsSchema = z.strictObject({ hash: sha1HashSchema });

/**
 * `POST /api/v1/blobs/:hash/signed-url`: for whoever may read the blob now, a link that
 * downloads it without credentials for `expiresInSeconds` (default 1 h, at most 7 days) — what a
 * browser needs for a private figure, since the shell never sends a token.
 */
export async function signedUrlRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  app.post('/api/v1/blobs/:hash/signed-url', async (request) => {
    const { hash } = parseWith(hashParamsSchema, request.params, 'blob URL');
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const { expiresInSeconds } = parseWith(signedUrlRequestSchema, request.body ?? {}, 'signed URL request');
    const { actor } = await authorizeRequest(context, request, zone, 'download');
    if (!(await context.storage.blobs.find(hash)))
      throw new FigurlError('NOT_FOUND', `no blob sha1://${hash} in this zone`);
    await assertMayReadBlobs(context, actor, [hash]);
    return signedUrlResponseSchema.parse(
      createSignedBlobUrl(context, { baseUrl: baseUrlOf(context, request), hash, zone, expiresInSeconds }),
    );
  });
}
