import { parseWith, usageQuerySchema } from '@figurl/sdk';
import type { FastifyInstance } from 'fastify';
import { authorizeRequest } from '../auth/authorize-request.js';
import type { ZoneContext } from '../zone-context.js';

/** `GET /api/v1/usage?zone=&from=&to=`: traffic per user and UTC day, for the zone's admins. */
export async function usageRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  app.get('/api/v1/usage', async (request) => {
    const query = parseWith(usageQuerySchema, request.query, 'usage query');
    // 'admin' is never granted by a zone's public switches: usage names users.
    const { zone } = await authorizeRequest(context, request, query.zone, 'admin');
    return {
      zone: zone.name,
      days: await context.storage.usage.list({ zoneName: zone.name, from: query.from, to: query.to }),
    };
  });
}
