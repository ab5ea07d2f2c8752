import { z } from 'zod';
import { byteSizeSchema, sha1HashSchema, zoneNameSchema } from './primitives.js';
import { blobSchema } from './zone-api.js';

/*
 * Edge resources (docs/protocol.md §11): `figurl share <dir>` on a lab machine keeps one
 * WebSocket to the zone, announces the hashes it holds and uploads a file through the normal
 * verified upload when a client asks the zone for a hash only it has.
 */

/** A resource's name: `--name`, by default the host name. */
export const resourceNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'expected a name like "lab-pc-3" (letters, digits, ".", "_", "-")');

/** At most this many files in one `announce` message. */
export const announceBatchSize = 1000;

export const edgeFileSchema = z.strictObject({ sha1: sha1HashSchema, size: byteSizeSchema });
export type EdgeFile = z.infer<typeof edgeFileSchema>;

/** `GET /api/v1/edge/connect?zone=&name=`: the query of the WebSocket upgrade. */
export const shareConnectQuerySchema = z.strictObject({
  zone: zoneNameSchema.default('default'),
  name: resourceNameSchema,
});

/** What `figurl share` sends on its WebSocket. */
export const shareClientMessageSchema = z.discriminatedUnion('type', [
  /**
   * Files it holds. `last: true` ends the first full listing of a connection: the zone then
   * forgets what earlier connections announced and this one did not.
   */
  z.strictObject({
    type: z.literal('announce'),
    files: z.array(edgeFileSchema).max(announceBatchSize),
    last: z.boolean(),
  }),
  /** Files it no longer holds (deleted, or changed and re-announced under their new hash). */
  z.strictObject({ type: z.literal('withdraw'), sha1s: z.array(sha1HashSchema).max(announceBatchSize) }),
  z.strictObject({ type: z.literal('ping') }),
  /** An upload began (the zone's request goes to `uploading`). */
  z.strictObject({ type: z.literal('started'), requestId: z.uuid() }),
  z.strictObject({ type: z.literal('progress'), requestId: z.uuid(), bytes: byteSizeSchema }),
  /** Finalize succeeded: the zone checks that the blob is there. */
  z.strictObject({ type: z.literal('completed'), requestId: z.uuid() }),
  z.strictObject({ type: z.literal('failed'), requestId: z.uuid(), error: z.string().max(1000) }),
]);
export type ShareClientMessage = z.infer<typeof shareClientMessageSchema>;

/** What the zone sends to `figurl share`. */
export const shareZoneMessageSchema = z.discriminatedUnion('type', [
  /** The connection is accepted: the resource as the zone knows it. */
  z.strictObject({
    type: z.literal('ready'),
    resourceId: z.uuid(),
    name: resourceNameSchema,
    owner: z.string(),
    zone: zoneNameSchema,
  }),
  /** Upload this announced file (through `POST /api/v1/uploads` as any client would). */
  z.strictObject({ type: z.literal('upload'), requestId: z.uuid(), sha1: sha1HashSchema, size: byteSizeSchema }),
  z.strictObject({ type: z.literal('pong') }),
  /** A message was refused; the connection stays open. */
  z.strictObject({ type: z.literal('error'), message: z.string() }),
]);
export type ShareZoneMessage = z.infer<typeof shareZoneMessageSchema>;

/** WebSocket close codes the zone uses (4000–4999 are the application's). */
export const shareCloseCodes = {
  /** A newer connection of the same resource took over: do not reconnect. */
  replaced: 4001,
  /** Nothing heard for too long. */
  silent: 4002,
  /** A message that is not valid JSON of the protocol. */
  invalid: 4003,
} as const;

export const edgeRequestStateSchema = z.enum(['requested', 'uploading', 'completed', 'failed']);
export type EdgeRequestState = z.infer<typeof edgeRequestStateSchema>;

/** A request for a blob a resource holds, as `POST …/request` and `GET …/request/:id` answer it. */
export const edgeRequestSchema = z.strictObject({
  id: z.uuid(),
  sha1: sha1HashSchema,
  size: byteSizeSchema,
  state: edgeRequestStateSchema,
  /** Bytes the resource has sent so far. */
  bytes: byteSizeSchema,
  error: z.string().nullable(),
  resource: z.strictObject({
    name: resourceNameSchema,
    owner: z.string(),
    /** False while the resource is away: the request waits for it to reconnect, then fails. */
    connected: z.boolean(),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type EdgeRequest = z.infer<typeof edgeRequestSchema>;

/** `POST /api/v1/blobs/:sha1/request`: the blob is already there, or a request (new or shared). */
export const requestBlobResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('exists'), blob: blobSchema }),
  z.strictObject({ status: z.literal('requested'), request: edgeRequestSchema }),
]);
export type RequestBlobResponse = z.infer<typeof requestBlobResponseSchema>;

/**
 * `GET /api/v1/blobs/:sha1/request/:id?wait=&state=&bytes=`: with `wait` (seconds), answer as
 * soon as the request differs from the `state` and `bytes` the caller already knows.
 */
export const edgeRequestQuerySchema = z.strictObject({
  zone: zoneNameSchema.default('default'),
  wait: z.coerce.number().int().min(0).max(30).default(0),
  state: edgeRequestStateSchema.optional(),
  bytes: z.coerce.number().int().nonnegative().optional(),
});
