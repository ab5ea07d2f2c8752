import {
  edgeRequestQuerySchema,
  edgeRequestSchema,
  requestBlobResponseSchema,
  shareClientMessageSchema,
  shareCloseCodes,
  shareConnectQuerySchema,
  shareZoneMessageSchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import { downloadRight, uploadRight } from './errors.js';
import type { Operation } from './operation.js';
import { toJsonSchema } from './to-json-schema.js';
import { edgeRequestParamsSchema, hashParamsSchema } from './zone-only-schemas.js';

/** Edge resources: `figurl share` and requests for blobs only it holds (docs/protocol.md §11, routes/edge.ts). */
export const edgeOperations: Operation[] = [
  {
    method: 'GET',
    path: '/api/v1/edge/connect',
    operationId: 'connectEdgeResource',
    tag: 'edge',
    summary: 'WebSocket of `figurl share`: announce files, upload those asked for',
    description:
      'An upgrade to a WebSocket (RFC 6455). Refusals come before the upgrade as ordinary error answers; a GET ' +
      'without an upgrade is 400. Messages are JSON text frames of at most 1 MiB: `x-websocket` gives their ' +
      'schemas and the close codes of the zone.',
    query: shareConnectQuerySchema,
    parameterNotes: { name: 'the resource name (default: the host name of the lab machine)' },
    headers: [
      { name: 'Upgrade', description: '`websocket`', required: true, schema: { type: 'string', const: 'websocket' } },
      { name: 'Connection', description: '`Upgrade`', required: true, schema: { type: 'string' } },
    ],
    responses: { 101: { description: 'Switching Protocols: the WebSocket is open; the zone sends `ready` first' } },
    errors: { ...uploadRight, INVALID_REQUEST: 'a bad name or query, or no WebSocket upgrade' },
    'x-websocket': {
      fromResource: toJsonSchema(shareClientMessageSchema, 'input'),
      fromZone: toJsonSchema(shareZoneMessageSchema, 'output'),
      maxMessageBytes: 1 << 20,
      closeCodes: shareCloseCodes,
    },
  },
  {
    method: 'POST',
    path: '/api/v1/blobs/{hash}/request',
    operationId: 'requestBlob',
    tag: 'edge',
    summary: 'Ask for a blob only an edge resource holds: it uploads it',
    params: hashParamsSchema,
    query: zoneQuerySchema,
    responses: {
      200: {
        description: 'the blob is stored (`exists`), or an active request for it, shared by every asker',
        json: requestBlobResponseSchema,
      },
      201: { description: 'a new request', json: requestBlobResponseSchema },
    },
    errors: {
      ...downloadRight,
      INVALID_REQUEST: 'a bad hash or query',
      FORBIDDEN: "the blob is a private figure's the caller may not read, or the download right is missing",
      NOT_FOUND: 'no resource announced the hash, or all that did are offline; or no such zone',
      PAYLOAD_TOO_LARGE: 'the announced file is larger than the zone accepts',
    },
  },
  {
    method: 'GET',
    path: '/api/v1/blobs/{hash}/request/{requestId}',
    operationId: 'getBlobRequest',
    tag: 'edge',
    summary: 'A blob request; with `wait`, long-poll until it differs from `state` and `bytes`',
    params: edgeRequestParamsSchema,
    query: edgeRequestQuerySchema,
    parameterNotes: {
      requestId: 'the request id POST …/request answered',
      wait: 'seconds (≤ 30) to wait for a change',
      state: 'the state the caller knows (default: the first read)',
      bytes: 'the bytes the caller knows (default: the first read)',
    },
    responses: { 200: { description: 'the request', json: edgeRequestSchema } },
    errors: {
      ...downloadRight,
      INVALID_REQUEST: 'a bad hash, request id or query',
      NOT_FOUND: 'no such request for this hash in the zone, or no such zone',
    },
  },
];
