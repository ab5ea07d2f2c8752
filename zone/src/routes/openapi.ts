import type { FastifyInstance } from 'fastify';
import { createOpenApiDocument } from '../openapi/create-openapi-document.js';

/**
 * `GET /openapi.json`: the zone's API, generated from the same zod schemas the routes validate
 * with (one definition of every wire type). The table of operations lives in `../openapi/`;
 * test/integration/zone/openapi.test.ts keeps it equal to the routes the app registers.
 */
export async function openApiRoutes(app: FastifyInstance, options: { version: string }): Promise<void> {
  // ~150 kB that never change: serialised once, not per request.
  const text = JSON.stringify(createOpenApiDocument(options));
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(text));
}
