import {
  clientIdSchema,
  FigurlError,
  parseWith,
  registerClientQuerySchema,
  verifyPayloadSignature,
  zoneQuerySchema,
} from '@figurl/sdk';
import { verifyEd25519 } from '@figurl/sdk/node';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { handleGatewayRequest } from '../gateway/handle-gateway-request.js';
import { verifyGatewayRequest } from '../gateway/verify-gateway-request.js';
import { baseUrlOf, type ZoneContext } from '../zone-context.js';

const clientParamsSchema = z.strictObject({ clientId: clientIdSchema });

/**
 * The kachery-gateway dialect: `POST /api/gateway` (kachery-cloud 0.4 with KACHERY_GATEWAY_URL
 * pointed here) and the registration link `kachery-cloud-init` prints.
 */
export async function gatewayRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  // The signature covers the payload as the client serialised it: keep the raw text.
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });

  app.post('/api/gateway', async (request) => {
    if (typeof request.body !== 'string') {
      throw new FigurlError(
        'INVALID_REQUEST',
        'invalid gateway request: expected a JSON body with Content-Type application/json',
      );
    }
    const { envelope, signed } = await verifyGatewayRequest({
      rawBody: request.body,
      seenRequests: context.seenRequests,
      now: context.now(),
      windowMs: context.signatureWindowMs,
    });
    return handleGatewayRequest(context, { envelope, signed, baseUrl: baseUrlOf(context, request) });
  });

  // kachery-cloud-init prints this link for a client that is already registered.
  app.get('/client/:clientId', async (request, reply) => {
    const { clientId } = parseWith(clientParamsSchema, request.params, 'client link');
    const { zone: zoneName } = parseWith(zoneQuerySchema, request.query, 'client link');
    const client = await context.identities.findClient(zoneName, clientId);
    if (!client)
      throw new FigurlError('NOT_FOUND', `client ${clientId} is not registered in zone ${JSON.stringify(zoneName)}`);
    return reply
      .type('text/plain; charset=utf-8')
      .send(
        `Client ${client.clientId}\nLabel: ${client.label}\nOwner: ${client.ownerId}\nZone: ${zoneName}\nRegistered: ${client.createdAt.toISOString()}\n`,
      );
  });

  app.get('/registerClient/:clientId', async (request, reply) => {
    const { clientId } = parseWith(clientParamsSchema, request.params, 'registration link');
    const query = parseWith(registerClientQuerySchema, request.query, 'registration link');
    const zoneName = query.zone ?? 'default';
    // The original server forgot to await this check; the signature proves the key's owner asked.
    if (
      !verifyPayloadSignature({
        payload: { type: 'addClient' },
        signature: query.signature,
        publicKey: clientId,
        verify: verifyEd25519,
      })
    ) {
      throw new FigurlError(
        'UNAUTHORIZED',
        `invalid registration signature for client ${clientId}: expected the link kachery-cloud-init printed`,
      );
    }
    const zone = await context.identities.findZone(zoneName);
    if (!zone) throw new FigurlError('NOT_FOUND', `no zone ${JSON.stringify(zoneName)} on this server`);
    if (!zone.allowPublicUpload) {
      throw new FigurlError(
        'FORBIDDEN',
        `zone ${JSON.stringify(zoneName)} registers clients through its admins: ask one to run "figurl zone add-client ${clientId} --owner <your login> --zone ${zoneName}"`,
      );
    }
    // An open zone (the embedded default on loopback) registers the key to the local user.
    const client = await context.identities.addClient({
      zoneName,
      clientId,
      ownerId: 'local',
      label: query.label ?? '',
    });
    return reply
      .type('text/plain; charset=utf-8')
      .send(
        `Client ${client.clientId} (${client.label || 'no label'}) is registered in zone ${zoneName} for user ${client.ownerId}.\nGo back to the terminal and press Enter.\n`,
      );
  });
}
