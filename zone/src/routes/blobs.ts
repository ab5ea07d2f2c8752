import { blobSchema, FigurlError, parseWith, sha1HashSchema, sha1ObjectKey, zoneQuerySchema } from '@figurl/sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { z } from 'zod';
import { authorizeRequest } from '../auth/authorize-request.js';
import type { ZoneContext } from '../zone-context.js';

const hashParamsSchema = z.strictObject({ hash: sha1HashSchema });

/**
 * Downloads: `GET|HEAD /sha1/<hash>` stream a verified blob with `Range` support (206), a strong
 * `ETag` (the hash) and immutable caching — the bytes under a hash can never change. Buckets
 * that sign URLs (S3) answer with a redirect to a short-lived presigned GET instead.
 * `GET /api/v1/blobs/<hash>` describes a blob.
 */
export async function blobRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  app.get('/api/v1/blobs/:hash', async (request) => {
    const { hash } = parseWith(hashParamsSchema, request.params, 'blob URL');
    await authorizeDownload(context, request);
    const blob = await context.storage.blobs.find(hash);
    if (!blob) throw new FigurlError('NOT_FOUND', `no blob sha1://${hash} in this zone`);
    return blobSchema.parse(blob);
  });

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const { hash } = parseWith(hashParamsSchema, request.params, 'blob URL');
    const { zone, userId } = await authorizeDownload(context, request);
    const blob = await context.storage.blobs.find(hash);
    if (!blob) throw new FigurlError('NOT_FOUND', `no blob sha1://${hash} in this zone`);
    const key = sha1ObjectKey(hash);
    reply.header('etag', `"${hash}"`);
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    reply.header('accept-ranges', 'bytes');
    if (request.headers['if-none-match'] === `"${hash}"`) return reply.status(304).send();

    const presigned = await context.storage.bucket.presignGet?.(key, { expiresInSeconds: 3600 });
    if (presigned) return reply.redirect(presigned, 302);

    const range = requestedRange(request.headers.range, blob.size);
    if (range === 'unsatisfiable') {
      return reply.status(416).header('content-range', `bytes */${blob.size}`).send();
    }
    const length = range ? range.end - range.start + 1 : blob.size;
    reply.header('content-type', 'application/octet-stream');
    reply.header('content-length', String(length));
    if (range) reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${blob.size}`);
    if (request.method === 'HEAD') return reply.send();

    const object = await context.storage.bucket.get(key, range ?? undefined);
    if (!object) {
      request.log.error({ hash }, 'blob row without an object in the bucket');
      throw new FigurlError('UNAVAILABLE', `the bytes of sha1://${hash} are missing from the bucket`);
    }
    await context.storage.usage.record(
      { zoneName: zone, userId, downloadCount: 1, downloadBytes: length },
      context.now(),
    );
    return reply.send(object.body);
  };
  // HEAD gets its own route so it never opens the object (Fastify's automatic one would).
  app.get('/sha1/:hash', { exposeHeadRoute: false }, serve);
  app.head('/sha1/:hash', serve);
}

async function authorizeDownload(context: ZoneContext, request: FastifyRequest) {
  const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
  const { actor } = await authorizeRequest(context, request, zone, 'download');
  return { zone, userId: actor.userId };
}

/** One satisfiable range, null for "the whole object" (absent, malformed or multi-range), or 'unsatisfiable'. */
function requestedRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const ranges = parseRange(size, header, { combine: true });
  if (ranges === -1) return 'unsatisfiable';
  // -2 (malformed), other units and multiple ranges: RFC 9110 lets a server ignore Range.
  if (ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  const [only] = ranges;
  return only ? { start: only.start, end: only.end } : null;
}
