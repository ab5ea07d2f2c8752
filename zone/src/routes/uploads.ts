import {
  finalizeUploadResponseSchema,
  initiateUploadRequestSchema,
  initiateUploadResponseSchema,
  parseWith,
  zoneQuerySchema,
} from '@figurl/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorizeRequest } from '../auth/authorize-request.js';
import { finalizeUpload } from '../storage/finalize-upload.js';
import { initiateUpload } from '../storage/initiate-upload.js';
import { receiveUpload } from '../storage/receive-upload.js';
import { baseUrlOf, type ZoneContext } from '../zone-context.js';

const uploadParamsSchema = z.strictObject({ uploadId: z.uuid() });

/**
 * The native upload API (docs/protocol.md §5): initiate → one streaming PUT → finalize.
 * The PUT route is registered in its own scope so no body parser ever buffers blob bytes.
 */
export async function uploadRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  app.post('/api/v1/uploads', async (request, reply) => {
    const { zone } = parseWith(zoneQuerySchema, request.query, 'query');
    const body = parseWith(initiateUploadRequestSchema, request.body, 'upload request');
    const { actor } = await authorizeRequest(context, request, zone, 'upload');
    const result = await initiateUpload(context.storage, { zoneName: zone, ...body, userId: actor.userId });
    if (result.status === 'exists') return reply.status(200).send(initiateUploadResponseSchema.parse(result));
    const uploadUrl = result.presignedUrl ?? `${baseUrlOf(context, request)}/api/v1/uploads/${result.uploadId}`;
    return reply.status(201).send(
      initiateUploadResponseSchema.parse({
        status: 'upload',
        uploadId: result.uploadId,
        uploadUrl,
        expiresAt: result.expiresAt.toISOString(),
      }),
    );
  });

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    // Leave the body unread: receiveUpload streams it to the bucket.
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    // A PUT refused before its body was read leaves unread bytes on the socket: close it rather
    // than keep a paused connection alive (Fastify does the same when a body fails to parse).
    scope.addHook('onSend', async (request, reply) => {
      if (!request.raw.complete) reply.header('connection', 'close');
    });
    scope.put('/api/v1/uploads/:uploadId', async (request, reply) => {
      const { uploadId } = parseWith(uploadParamsSchema, request.params, 'upload URL');
      const length = request.headers['content-length'];
      const { size } = await receiveUpload(context.storage, {
        uploadId,
        body: request.raw,
        contentLength: length === undefined ? undefined : Number(length),
      });
      // Exactly 200: the kachery Python client treats any other status as fatal.
      return reply.status(200).send({ received: size });
    });
  });

  app.post('/api/v1/uploads/:uploadId/finalize', async (request) => {
    const { uploadId } = parseWith(uploadParamsSchema, request.params, 'upload URL');
    const { blob, created } = await finalizeUpload(context.storage, uploadId);
    return finalizeUploadResponseSchema.parse({ blob, created });
  });
}
