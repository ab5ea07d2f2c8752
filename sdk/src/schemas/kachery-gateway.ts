import { z } from 'zod';
import {
  byteSizeSchema,
  clientIdSchema,
  sha1HashSchema,
  signatureSchema,
  timestampMsSchema,
  zoneNameSchema,
} from './primitives.js';

/*
 * The kachery-gateway dialect (kachery-cloud 0.4.x): `POST <zone>/api/gateway`. Field names and
 * strictness follow ../shared/reference/kachery-zone-protocol.md §2.1–2.2: payloads reject
 * unknown keys (the gateway's validateObject), every response echoes the request `type`.
 */

const base = { timestamp: timestampMsSchema, zone: zoneNameSchema.optional() };

export const findFileRequestSchema = z.strictObject({
  type: z.literal('findFile'),
  ...base,
  hashAlg: z.literal('sha1'),
  hash: sha1HashSchema,
});

export const initiateFileUploadRequestSchema = z.strictObject({
  type: z.literal('initiateFileUpload'),
  ...base,
  size: byteSizeSchema,
  hashAlg: z.literal('sha1'),
  hash: sha1HashSchema,
});

export const finalizeFileUploadRequestSchema = z.strictObject({
  type: z.literal('finalizeFileUpload'),
  ...base,
  objectKey: z.string().regex(/^[A-Za-z0-9._/-]{1,1024}$/, 'expected the objectKey initiateFileUpload returned'),
  hashAlg: z.literal('sha1'),
  hash: sha1HashSchema,
  size: byteSizeSchema,
});

export const deleteFileRequestSchema = z.strictObject({
  type: z.literal('deleteFile'),
  ...base,
  hashAlg: z.literal('sha1'),
  hash: sha1HashSchema,
});

export const getClientInfoRequestSchema = z.strictObject({
  type: z.literal('getClientInfo'),
  ...base,
  clientId: clientIdSchema,
});

export const getResourceInfoRequestSchema = z.strictObject({
  type: z.literal('getResourceInfo'),
  ...base,
  resourceName: z.string().min(1).max(200),
});

/** Obsolete: 0.3.x clients resolve KACHERY_ZONE to a gateway URL with it. */
export const getZoneInfoRequestSchema = z.strictObject({
  type: z.literal('getZoneInfo'),
  timestamp: timestampMsSchema,
  zoneName: zoneNameSchema,
});

const gatewayRequestSchemas = [
  findFileRequestSchema,
  initiateFileUploadRequestSchema,
  finalizeFileUploadRequestSchema,
  deleteFileRequestSchema,
  getClientInfoRequestSchema,
  getResourceInfoRequestSchema,
  getZoneInfoRequestSchema,
] as const;

export const gatewayRequestTypes = gatewayRequestSchemas.map((s) => s.shape.type.value);

export const gatewayPayloadSchema = z.discriminatedUnion('type', gatewayRequestSchemas, {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `expected one of ${gatewayRequestTypes.map((t) => `"${t}"`).join(', ')}`
      : undefined,
});
export type GatewayPayload = z.infer<typeof gatewayPayloadSchema>;
export type GatewayRequestType = GatewayPayload['type'];

/**
 * The envelope. A signing client sends `fromClientId` + `signature` (over `payload` only); a
 * browser sends `githubUserId` + `githubAccessToken`; never both.
 */
export const gatewayEnvelopeSchema = z.strictObject({
  payload: gatewayPayloadSchema,
  fromClientId: clientIdSchema.optional(),
  signature: signatureSchema.optional(),
  githubUserId: z.string().min(1).max(100).optional(),
  githubAccessToken: z.string().min(1).max(500).optional(),
});
export type GatewayEnvelope = z.infer<typeof gatewayEnvelopeSchema>;

export const findFileResponseSchema = z.strictObject({
  type: z.literal('findFile'),
  found: z.boolean(),
  size: byteSizeSchema.optional(),
  url: z.string().optional(),
  bucketUri: z.string().optional(),
  objectKey: z.string().optional(),
  cacheHit: z.boolean().optional(),
  fallback: z.boolean().optional(),
});

export const initiateFileUploadResponseSchema = z.strictObject({
  type: z.literal('initiateFileUpload'),
  alreadyExists: z.boolean().optional(),
  alreadyPending: z.boolean().optional(),
  objectKey: z.string().optional(),
  signedUploadUrl: z.string().optional(),
});

export const finalizeFileUploadResponseSchema = z.strictObject({ type: z.literal('finalizeFileUpload') });

export const deleteFileResponseSchema = z.strictObject({
  type: z.literal('deleteFile'),
  success: z.boolean(),
  error: z.string().optional(),
});

export const gatewayClientSchema = z.strictObject({
  clientId: clientIdSchema,
  ownerId: z.string(),
  timestampCreated: timestampMsSchema,
  label: z.string(),
});

export const getClientInfoResponseSchema = z.strictObject({
  type: z.literal('getClientInfo'),
  found: z.boolean(),
  client: gatewayClientSchema.optional(),
});

export const getResourceInfoResponseSchema = z.strictObject({
  type: z.literal('getResourceInfo'),
  found: z.boolean(),
  resource: z
    .strictObject({
      resourceName: z.string(),
      ownerId: z.string(),
      timestampCreated: timestampMsSchema,
      proxyUrl: z.string(),
    })
    .optional(),
});

export const getZoneInfoResponseSchema = z.strictObject({
  type: z.literal('getZoneInfo'),
  found: z.boolean(),
  kacheryGatewayUrl: z.string().optional(),
});

export const gatewayResponseSchema = z.discriminatedUnion('type', [
  findFileResponseSchema,
  initiateFileUploadResponseSchema,
  finalizeFileUploadResponseSchema,
  deleteFileResponseSchema,
  getClientInfoResponseSchema,
  getResourceInfoResponseSchema,
  getZoneInfoResponseSchema,
]);
export type GatewayResponse = z.infer<typeof gatewayResponseSchema>;
/** The response type that answers a given request type. */
export type GatewayResponseFor<T extends GatewayRequestType> = Extract<GatewayResponse, { type: T }>;

/** The registration link `kachery-cloud-init` prints: `/registerClient/<id>?signature=…&zone=…&label=…`. */
export const registerClientQuerySchema = z.strictObject({
  signature: signatureSchema,
  zone: zoneNameSchema.optional(),
  // Shown back to people: printable text only (PostgreSQL refuses NUL anyway).
  label: z
    .string()
    .max(200)
    .regex(/^[^\p{Cc}]*$/u, 'expected a label without control characters')
    .optional(),
});
