import { z } from 'zod';

/**
 * The figurl shell ↔ plugin postMessage protocol (figurl3 `viewInterface/*Types.ts`), one
 * definition for the shell, the offline bundle host and the plugin library. Requests are read
 * tolerantly (unknown fields ignored: plugins in the wild send leftovers such as `jotId`);
 * everything the shell sends is a strict object, because the plugin libraries reject any extra
 * key and then wait forever.
 */

/** `undefined` (legacy), `'p1'`, or fi-sci's `'0.1.0'` on setUrlState. */
const protocolVersion = z.string().max(32).optional();

export const getFigureDataRequestSchema = z.object({
  type: z.literal('getFigureData'),
  figurlProtocolVersion: protocolVersion,
});
export const fileResponseTypeSchema = z.enum(['json-deserialized', 'json', 'text', 'binary']);
export const getFileDataRequestSchema = z.object({
  type: z.literal('getFileData'),
  uri: z.string().max(8192),
  responseType: fileResponseTypeSchema.optional(),
  startByte: z.number().int().nonnegative().optional(),
  endByte: z.number().int().nonnegative().optional(),
  figurlProtocolVersion: protocolVersion,
});
export const getFileDataUrlRequestSchema = z.object({
  type: z.literal('getFileDataUrl'),
  uri: z.string().max(8192),
  figurlProtocolVersion: protocolVersion,
});
export const storeFileRequestSchema = z.object({
  type: z.literal('storeFile'),
  fileData: z.string(),
  uri: z.string().max(8192).optional(),
  // "One visualization still passes undefined"; null is tolerated as well.
  jotId: z.string().nullish(),
  figurlProtocolVersion: protocolVersion,
});
export const storeGithubFileRequestSchema = z.object({
  type: z.literal('storeGithubFile'),
  fileData: z.string(),
  uri: z.string().max(8192),
  figurlProtocolVersion: protocolVersion,
});
export const setUrlStateRequestSchema = z.object({
  type: z.literal('setUrlState'),
  state: z.record(z.string(), z.unknown()),
  figurlProtocolVersion: protocolVersion,
});
export const serviceQueryRequestSchema = z.object({
  type: z.literal('serviceQuery'),
  serviceName: z.string(),
  query: z.unknown(),
  includeUserId: z.boolean().optional(),
  figurlProtocolVersion: protocolVersion,
});
export const readDirRequestSchema = z.object({
  type: z.literal('readDir'),
  uri: z.string().max(8192),
  figurlProtocolVersion: protocolVersion,
});
export const postMessageToParentRequestSchema = z.object({
  type: z.literal('postMessageToParent'),
  message: z.unknown(),
  figurlProtocolVersion: protocolVersion,
});

export const figurlRequestSchema = z.discriminatedUnion('type', [
  getFigureDataRequestSchema,
  getFileDataRequestSchema,
  getFileDataUrlRequestSchema,
  storeFileRequestSchema,
  storeGithubFileRequestSchema,
  setUrlStateRequestSchema,
  serviceQueryRequestSchema,
  readDirRequestSchema,
  postMessageToParentRequestSchema,
]);
export type FigurlRequest = z.infer<typeof figurlRequestSchema>;
export type FigurlRequestType = FigurlRequest['type'];
export const figurlRequestTypes = figurlRequestSchema.options.map((o) => o.shape.type.value);

/** Figure ids: figurl3 uses 10 lowercase letters; embedding pages pick their own (`fig1`). */
export const figureIdSchema = z.string().min(1).max(100);
export const requestIdSchema = z.string().min(1).max(100);

export const figurlRequestMessageSchema = z.object({
  type: z.literal('figurlRequest'),
  figureId: figureIdSchema,
  requestId: requestIdSchema,
  request: z.object({ type: z.string() }).loose(),
});
export type FigurlRequestMessage = z.infer<typeof figurlRequestMessageSchema>;

/** Sent by the Jupyter and Electron hosts' plugins; a browser shell ignores it. */
export const messageToBackendSchema = z.object({
  type: z.literal('messageToBackend'),
  figureId: figureIdSchema,
  message: z.unknown(),
});

// ---- shell → plugin: strict, exactly the documented keys ----

export const getFigureDataResponseSchema = z.strictObject({
  type: z.literal('getFigureData'),
  figureData: z.unknown(),
});
export const getFileDataResponseSchema = z.strictObject({
  type: z.literal('getFileData'),
  fileData: z.unknown().optional(),
  errorMessage: z.string().optional(),
});
export const getFileDataUrlResponseSchema = z.strictObject({
  type: z.literal('getFileDataUrl'),
  fileDataUrl: z.string().optional(),
  errorMessage: z.string().optional(),
});
export const storeFileResponseSchema = z.strictObject({
  type: z.literal('storeFile'),
  uri: z.string().optional(),
  error: z.string().optional(),
});
export const storeGithubFileResponseSchema = z.strictObject({
  type: z.literal('storeGithubFile'),
  success: z.boolean(),
  error: z.string().optional(),
});
export const setUrlStateResponseSchema = z.strictObject({ type: z.literal('setUrlState') });
export const serviceQueryResponseSchema = z.strictObject({
  type: z.literal('serviceQuery'),
  result: z.unknown().optional(),
  binaryPayload: z.unknown().optional(),
  errorMessage: z.string().optional(),
});
export const readDirResponseSchema = z.strictObject({
  type: z.literal('readDir'),
  dir: z.unknown().optional(),
  errorMessage: z.string().optional(),
});
export const postMessageToParentResponseSchema = z.strictObject({ type: z.literal('postMessageToParent') });

export const figurlResponseSchema = z.discriminatedUnion('type', [
  getFigureDataResponseSchema,
  getFileDataResponseSchema,
  getFileDataUrlResponseSchema,
  storeFileResponseSchema,
  storeGithubFileResponseSchema,
  setUrlStateResponseSchema,
  serviceQueryResponseSchema,
  readDirResponseSchema,
  postMessageToParentResponseSchema,
]);
export type FigurlResponse = z.infer<typeof figurlResponseSchema>;

export const figurlResponseMessageSchema = z.strictObject({
  type: z.literal('figurlResponse'),
  requestId: requestIdSchema,
  response: figurlResponseSchema,
});
export const setCurrentUserMessageSchema = z.strictObject({
  type: z.literal('setCurrentUser'),
  userId: z.string().optional(),
  googleIdToken: z.string().optional(),
});
export const fileDownloadProgressMessageSchema = z.strictObject({
  type: z.literal('fileDownloadProgress'),
  uri: z.string(),
  loaded: z.number(),
  total: z.number(),
});
export const reportUrlStateChangeMessageSchema = z.strictObject({
  type: z.literal('reportUrlStateChange'),
  state: z.record(z.string(), z.unknown()),
});
export const messageToFrontendMessageSchema = z.strictObject({
  type: z.literal('messageToFrontend'),
  message: z.unknown(),
  figureId: z.string().optional(),
});
export const messageToChildSchema = z.discriminatedUnion('type', [
  figurlResponseMessageSchema,
  setCurrentUserMessageSchema,
  fileDownloadProgressMessageSchema,
  reportUrlStateChangeMessageSchema,
  messageToFrontendMessageSchema,
]);
export type MessageToChild = z.infer<typeof messageToChildSchema>;

/** Posted by the shell until the plugin speaks (not part of the MessageToChild union). */
export const initializeFigureMessageSchema = z.strictObject({
  type: z.literal('initializeFigure'),
  parentOrigin: z.string(),
  figureId: figureIdSchema,
  s: z.string().optional(),
});
export type InitializeFigureMessage = z.infer<typeof initializeFigureMessageSchema>;
