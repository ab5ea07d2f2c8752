import { z } from 'zod';
import { FigurlError, quote } from '../errors/index.js';
import { sha1HashSchema } from './primitives.js';
import { maxPinSeconds, minPinSeconds, pinSecondsSchema, zoneQuerySchema } from './zone-api.js';

/*
 * Pins (docs/protocol.md §8): a user's claim that a blob must be kept. The collector removes a
 * blob only when no unexpired pin and no live figure, feed, mutable or curation holds it, and
 * only once it is older than the grace period.
 */

/** Pins on one page of `GET /api/v1/pins` unless `limit` says otherwise. */
export const defaultPinPageSize = 100;
/** The most pins one page may hold. */
export const maxPinPageSize = 1000;

/** `POST /api/v1/pins/:hash`: pin for the caller; `expiresInSeconds` makes it a scratch pin. */
export const pinRequestSchema = z.strictObject({ expiresInSeconds: pinSecondsSchema.optional() });
export type PinRequest = z.infer<typeof pinRequestSchema>;

export const pinSchema = z.strictObject({
  sha1: sha1HashSchema,
  /** Whose pin: the user the request acted as. */
  user: z.string(),
  /** null: until unpinned. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  /** False for a pin an upload made before its bytes arrived (or for content since collected). */
  stored: z.boolean(),
});
export type Pin = z.infer<typeof pinSchema>;

/** `GET /api/v1/pins?zone=&after=&limit=`: the caller's pins in sha1 order. */
export const listPinsQuerySchema = zoneQuerySchema.extend({
  after: sha1HashSchema.optional(),
  limit: z.coerce.number().int().min(1).max(maxPinPageSize).default(defaultPinPageSize),
});

export const listPinsResponseSchema = z.strictObject({
  pins: z.array(pinSchema),
  /** Pass as `after` for the next page; null on the last one. */
  next: sha1HashSchema.nullable(),
});
export type ListPinsResponse = z.infer<typeof listPinsResponseSchema>;

/** `DELETE /api/v1/pins/:hash`: the caller's pin is gone. */
export const unpinResponseSchema = z.strictObject({
  sha1: sha1HashSchema,
  user: z.string(),
  unpinned: z.literal(true),
});

const durationUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/**
 * Seconds in a duration written as a whole number and a unit: `90s`, `30m`, `12h`, `7d`, `2w`,
 * `1y` (365 days). Used by `--expires` and `FIGURL_GC_GRACE`.
 *
 * @example
 * parseDuration('7d'); // 604800
 */
export function parseDuration(text: string): number {
  const match = /^([0-9]{1,9})([smhdwy])$/.exec(text.trim());
  if (!match) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid duration ${quote(text)}: expected a whole number and a unit (s, m, h, d, w or y), such as 90m, 12h or 7d`,
    );
  }
  return Number(match[1]) * (durationUnits[match[2] as string] as number);
}

/** A scratch lifetime from `--expires`: a duration between 1 hour and 365 days, in seconds. */
export function parsePinDuration(text: string): number {
  const seconds = parseDuration(text);
  if (seconds < minPinSeconds || seconds > maxPinSeconds) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid expiry ${quote(text)}: expected between 1h and 365d (scratch data lasts at least an hour)`,
    );
  }
  return seconds;
}
