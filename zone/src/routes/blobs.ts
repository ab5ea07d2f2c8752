import {
  blobDownloadQuerySchema,
  blobSchema,
  FigurlError,
  parseWith,
  sha1HashSchema,
  sha1ObjectKey,
  zoneQuerySchema,
} from '@figurl/sdk';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { z } from 'zod';
import { assertMayReadBlobs } from '../auth/assert-may-read-blobs.js';
import { anonymous } from '../auth/authorize.js';
import { authorizeRequest } from '../auth/authorize-request.js';
import { verifyBlobUrl } from '../auth/blob-url-signature.js';
import type { ZoneContext } from '../zone-context.js';

const hashParamsSchema = z.strictObject({ hash: sha1HashSchema });

/**
 * Downloads: `GET|HEAD /sha1/<hash>` stream a verified blob with `Range` support (206), a strong
 * `ETag` (the hash) and immutable caching — the bytes under a hash can never change. Buckets
 * that sign URLs (S3) answer with a redirect to a short-lived presigned GET instead.
 * `GET /api/v1/blobs/<hash>` describes a blob. A blob that only private figures refer to is
 * served to their owners, allowed users and zone admins, or through a signed link
 * (`?expires=&signature=`, see routes/signed-urls.ts), and never with public caching.
 */
export async function blobRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  app.get('/api/v1/blobs/:hash', async (request) => {
    const { hash } = parseWith(hashParamsSchema, request.params, 'blob URL');
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const { actor } = await authorizeRequest(context, request, zone, 'download');
    const blob = await context.storage.blobs.find(hash);
    if (!blob) throw new FigurlError('NOT_FOUND', `no blob sha1://${hash} in this zone`);
    await assertMayReadBlobs(context, actor, [hash]);
    return blobSchema.parse(blob);
  });

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    // Figure pages on other origins read blobs directly, errors included
    // (a 404 must read as "not found", not as a network failure). No credentials ride along (a private
    // blob needs a token or a signed link, both given explicitly), so any origin may read.
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'content-length, content-range, accept-ranges, etag');
    const { hash } = parseWith(hashParamsSchema, request.params, 'blob URL');
    const { zone, actor, signed } = await authorizeDownload(context, request, hash);
    const blob = await context.storage.blobs.find(hash);
    if (!blob) throw new FigurlError('NOT_FOUND', `no blob sha1://${hash} in this zone`);
    // A signed link speaks for someone who could read the blob when it was made.
    const { restricted } = signed ? { restricted: true } : await assertMayReadBlobs(context, actor, [hash]);
    const key = sha1ObjectKey(hash);
    reply.header('etag', `"${hash}"`);
    // Shared caches must not keep private data and hand it to the next asker.
    reply.header('cache-control', restricted ? 'private, max-age=3600' : 'public, max-age=31536000, immutable');
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
      // A cached row of a blob the collector has since removed (on another replica) is a miss.
      context.storage.blobs.forget(hash);
      if (!(await context.storage.blobs.find(hash))) {
        throw new FigurlError('NOT_FOUND', `no blob sha1://${hash} in this zone`);
      }
      request.log.error({ hash }, 'blob row without an object in the bucket');
      throw new FigurlError('UNAVAILABLE', `the bytes of sha1://${hash} are missing from the bucket`);
    }
    try {
      await context.storage.usage.record(
        { zoneName: zone, userId: actor.userId, downloadCount: 1, downloadBytes: length },
        context.now(),
      );
    } catch (err) {
      // The database failed after the object was opened: close it rather than leak the file.
      object.body.destroy();
      throw err;
    }
    return reply.send(object.body);
  };
  // HEAD gets its own route so it never opens the object (Fastify's automatic one would).
  app.get('/sha1/:hash', { exposeHeadRoute: false }, serve);
  app.head('/sha1/:hash', serve);
}

/**
 * Who downloads: a signed link (checked against the zone's key, no credentials needed) or the
 * request's bearer token with the zone's download right.
 */
async function authorizeDownload(context: ZoneContext, request: FastifyRequest, hash: string) {
  const { zone, expires, signature } = parseWith(blobDownloadQuerySchema, request.query, 'query');
  if (expires !== undefined && signature !== undefined) {
    verifyBlobUrl(context.urlSecret, { hash, zone, expires }, signature, context.now());
    return { zone, actor: anonymous, signed: true };
  }
  const { actor } = await authorizeRequest(context, request, zone, 'download');
  return { zone, actor, signed: false };
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
