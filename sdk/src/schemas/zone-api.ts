import { z } from 'zod';
import { byteSizeSchema, sha1HashSchema, sha256HashSchema, zoneNameSchema } from './primitives.js';

/*
 * The zone's native HTTP API, version 1 (docs/protocol.md). Requests reject unknown keys so a
 * typo is an error, not a silently ignored option.
 */

export const healthResponseSchema = z.strictObject({
  status: z.literal('ok'),
  version: z.string(),
});

export const readinessResponseSchema = z.strictObject({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'failing'])),
});

export const blobSchema = z.strictObject({
  sha1: sha1HashSchema,
  sha256: sha256HashSchema,
  size: byteSizeSchema,
  createdAt: z.iso.datetime(),
});
export type BlobInfo = z.infer<typeof blobSchema>;

/** The shortest a scratch pin may last: one hour. */
export const minPinSeconds = 3600;
/** The longest a scratch pin may last: 365 days. */
export const maxPinSeconds = 365 * 24 * 3600;
/** How long a pin holds its blob, in seconds; absent: until unpinned. */
export const pinSecondsSchema = z
  .number()
  .int()
  .min(minPinSeconds, `expected at least ${minPinSeconds} seconds (1 hour)`)
  .max(maxPinSeconds, `expected at most ${maxPinSeconds} seconds (365 days)`);

/** `POST /api/v1/uploads`: ask to upload bytes that hash to `sha1`. */
export const initiateUploadRequestSchema = z.strictObject({
  sha1: sha1HashSchema,
  size: byteSizeSchema,
  /** Optional: when given, finalize also refuses bytes whose SHA-256 differs. */
  sha256: sha256HashSchema.optional(),
  /**
   * Scratch data: the uploader's pin lapses after this many seconds (then the blob goes unless
   * something else keeps it). Absent: the blob stays pinned until the uploader unpins it.
   */
  expiresInSeconds: pinSecondsSchema.optional(),
});

export const initiateUploadResponseSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('exists'), blob: blobSchema }),
  z.strictObject({
    status: z.literal('upload'),
    uploadId: z.uuid(),
    /** A single streaming PUT goes here (the zone itself, or a presigned bucket URL). */
    uploadUrl: z.url(),
    expiresAt: z.iso.datetime(),
  }),
]);

/** `POST /api/v1/uploads/:uploadId/finalize`: the zone re-hashes the staged bytes. */
export const finalizeUploadResponseSchema = z.strictObject({ blob: blobSchema, created: z.boolean() });

/** `?zone=` on the zone's routes: which zone of the server; "default" when absent. */
export const zoneQuerySchema = z.strictObject({ zone: zoneNameSchema.default('default') });

/** A UTC calendar day, `YYYY-MM-DD`, that exists (2026-02-30 does not). */
export const calendarDaySchema = z.iso.date('expected a date like 2026-11-21');

/** `GET /api/v1/usage?zone=&from=&to=` (zone admins). */
export const usageQuerySchema = zoneQuerySchema.extend({ from: calendarDaySchema, to: calendarDaySchema });
