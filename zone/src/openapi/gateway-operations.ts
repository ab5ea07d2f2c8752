import { gatewayEnvelopeSchema, gatewayResponseSchema, registerClientQuerySchema, zoneQuerySchema } from '@figurl/sdk';
import { plainText } from './common.js';
import type { Operation } from './operation.js';
import { toJsonSchema } from './to-json-schema.js';
import { clientParamsSchema } from './zone-only-schemas.js';

// The route reads the body as text (the signature covers it as sent), whichever of the two
// types the kachery client labels it with.
const envelope = { schema: toJsonSchema(gatewayEnvelopeSchema, 'input') };

/** The kachery-gateway dialect and its registration links (docs/protocol.md §4, routes/gateway.ts). */
export const gatewayOperations: Operation[] = [
  {
    method: 'POST',
    path: '/api/gateway',
    operationId: 'gatewayRequest',
    tag: 'kachery-gateway',
    summary: 'kachery-gateway dialect: one signed request of kachery-cloud 0.4',
    description:
      'Authenticated by the envelope (fromClientId + signature over the payload, ±120 s), not by a bearer token; ' +
      'unsigned requests may read from zones with public download. `//api/gateway` reaches the same route.',
    authenticated: false,
    body: { content: { 'application/json': envelope, 'text/plain': envelope }, required: true },
    responses: { 200: { description: 'the answer; its type echoes the payload type', json: gatewayResponseSchema } },
    errors: {
      INVALID_REQUEST: 'not a JSON envelope of the schema, or an unknown payload type',
      UNAUTHORIZED: 'a bad, stale or replayed signature, or an unregistered client where the zone needs one',
      FORBIDDEN: "the client's owner may not do this in the zone",
      NOT_FOUND: 'no such zone',
      PAYLOAD_TOO_LARGE: 'initiateFileUpload: larger than the zone accepts',
      HASH_MISMATCH: 'finalizeFileUpload: the bytes do not hash to the announced hash; nothing stored',
    },
  },
  {
    method: 'GET',
    path: '/client/{clientId}',
    operationId: 'describeClient',
    tag: 'kachery-gateway',
    summary: 'Describe a registered client (the link kachery-cloud-init prints for one)',
    authenticated: false,
    params: clientParamsSchema,
    parameterNotes: { clientId: 'the ed25519 public key of the client, 64 hex' },
    query: zoneQuerySchema,
    responses: { 200: { description: 'the client, as text for people', content: plainText } },
    errors: { INVALID_REQUEST: 'a bad client id or query', NOT_FOUND: 'the client is not registered in the zone' },
  },
  {
    method: 'GET',
    path: '/registerClient/{clientId}',
    operationId: 'registerClient',
    tag: 'kachery-gateway',
    summary: 'Register a client key: the link kachery-cloud-init prints',
    description:
      'The signature proves the key\'s owner asked. An open zone registers the key to user "local"; other zones ' +
      'answer 403 naming the admin command.',
    authenticated: false,
    params: clientParamsSchema,
    parameterNotes: {
      clientId: 'the ed25519 public key of the client, 64 hex',
      signature: 'the client\'s signature of {"type":"addClient"}',
    },
    query: registerClientQuerySchema,
    responses: { 200: { description: 'registered, as text for people', content: plainText } },
    errors: {
      INVALID_REQUEST: 'a bad client id or query',
      UNAUTHORIZED: 'the signature does not verify',
      FORBIDDEN: 'the zone registers clients through its admins',
      NOT_FOUND: 'no such zone',
    },
  },
];
