import {
  blobSchema,
  errorBodySchema,
  finalizeUploadResponseSchema,
  gatewayEnvelopeSchema,
  gatewayResponseSchema,
  healthResponseSchema,
  initiateUploadRequestSchema,
  initiateUploadResponseSchema,
  readinessResponseSchema,
} from '@figurl/sdk';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});
const error = (description: string) => ({ description, content: json(errorBodySchema) });
const sha1Param = { name: 'hash', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{40}$' } };
const zoneParam = { name: 'zone', in: 'query', required: false, schema: { type: 'string', default: 'default' } };
const uploadIdParam = { name: 'uploadId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };

/**
 * `GET /openapi.json`: the zone's API, generated from the same zod schemas the routes validate
 * with (one definition of every wire type), so the document cannot drift from the code.
 */
export async function openApiRoutes(app: FastifyInstance, options: { version: string }): Promise<void> {
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'figurl zone',
      version: options.version,
      description: 'Verified content-addressed storage; see docs/protocol.md.',
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'The process serves',
          responses: { 200: { description: 'ok', content: json(healthResponseSchema) } },
        },
      },
      '/readyz': {
        get: {
          summary: 'The zone can do useful work (database answers)',
          responses: {
            200: { description: 'ready', content: json(readinessResponseSchema) },
            503: { description: 'not ready', content: json(readinessResponseSchema) },
          },
        },
      },
      '/api/v1/uploads': {
        post: {
          summary: 'Ask to upload bytes that hash to sha1',
          parameters: [zoneParam],
          requestBody: { required: true, content: json(initiateUploadRequestSchema) },
          responses: {
            200: { description: 'already stored', content: json(initiateUploadResponseSchema) },
            201: { description: 'upload target issued', content: json(initiateUploadResponseSchema) },
            400: error('invalid request'),
            401: error('credentials needed'),
            413: error('larger than the zone accepts'),
          },
        },
      },
      '/api/v1/uploads/{uploadId}': {
        put: {
          summary: 'The one streaming PUT of an upload (exactly the announced size)',
          parameters: [uploadIdParam],
          requestBody: {
            required: true,
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          responses: {
            200: { description: 'received' },
            400: error('wrong length'),
            404: error('unknown or expired'),
            409: error('already received'),
          },
        },
      },
      '/api/v1/uploads/{uploadId}/finalize': {
        post: {
          summary: 'Verify the staged bytes and publish them under their content key',
          parameters: [uploadIdParam],
          responses: {
            200: { description: 'stored', content: json(finalizeUploadResponseSchema) },
            422: error('HASH_MISMATCH: nothing stored'),
          },
        },
      },
      '/api/v1/blobs/{hash}': {
        get: {
          summary: 'Describe a blob',
          parameters: [sha1Param, zoneParam],
          responses: { 200: { description: 'the blob', content: json(blobSchema) }, 404: error('unknown') },
        },
      },
      '/sha1/{hash}': {
        get: {
          summary: 'Download a blob (Range supported; strong ETag = hash; immutable)',
          parameters: [sha1Param, zoneParam],
          responses: {
            200: { description: 'the bytes' },
            206: { description: 'a byte range' },
            304: { description: 'not modified' },
            404: error('unknown'),
          },
        },
      },
      '/api/gateway': {
        post: {
          summary: 'kachery-gateway dialect (kachery-cloud 0.4 Python client)',
          requestBody: { required: true, content: json(gatewayEnvelopeSchema) },
          responses: {
            200: { description: 'answer', content: json(gatewayResponseSchema) },
            400: error('invalid request'),
            401: error('bad signature, stale or replayed'),
          },
        },
      },
    },
  };
  app.get('/openapi.json', async () => document);
}
