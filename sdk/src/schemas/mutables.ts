import { z } from 'zod';
import type { CanonicalJsonValue } from '../canonical-json/index.js';
import { mutableKeyProblem } from './mutable-key.js';
import { zoneQuerySchema } from './zone-api.js';

/*
 * Mutables (docs/protocol.md §12): versioned key/value documents of a zone, addressed by a
 * kachery key in the `key` query parameter of `/api/v1/mutables`.
 */

/** Longest value, in characters of its canonical JSON text: kachery's `setMutable` limit. */
export const maxMutableValueLength = 100_000;

/** Most entries of a mutable's `writers`. */
export const maxMutableWriters = 100;

/**
 * A JSON value as the zone keeps it: numbers as written (`PythonFloat` for `1.0`, `bigint` for
 * integers beyond 2^53, as `parseJsonPreservingNumbers` reads them). Never null: null marks a
 * delete in the history.
 */
export type MutableValue = Exclude<CanonicalJsonValue, null>;

/** A kachery key: `@folder/@sub/name` (see `mutableKeyProblem` for the exact grammar). */
export const mutableKeySchema = z.string().superRefine((key, context) => {
  const problem = mutableKeyProblem(key);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

/**
 * Any JSON value but null. Bodies are read keeping numbers as written, so this checks presence
 * only; the zone then encodes the value as canonical JSON and measures it.
 */
export const mutableValueSchema = z.custom<MutableValue>(
  (value) => value !== undefined && value !== null,
  'expected a JSON value other than null (a DELETE removes a mutable)',
);

/** `"*"` (anyone who may upload to the zone) or a user id. */
export const mutableWriterSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,100}$/, 'expected "*" or a user id (1 to 100 printable ASCII characters, no spaces)');

/** `?zone=&key=` of every mutable route. */
export const mutableQuerySchema = zoneQuerySchema.extend({ key: mutableKeySchema });

const versionText = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'expected a positive integer')
  .transform(Number)
  .pipe(z.number().max(2 ** 31 - 1, 'expected a version below 2^31'));

/** `DELETE /api/v1/mutables?zone=&key=[&ifVersion=]`. */
export const deleteMutableQuerySchema = mutableQuerySchema.extend({ ifVersion: versionText.optional() });

/** `GET /api/v1/mutables/history?zone=&key=[&after=][&limit=]`: versions after `after`, oldest first. */
export const mutableHistoryQuerySchema = mutableQuerySchema.extend({
  after: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,9})$/, 'expected a version number (0 for the start)')
    .transform(Number)
    .pipe(z.number().max(2 ** 31 - 1, 'expected a version below 2^31'))
    .optional(),
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,3}$/, 'expected 1 to 1000')
    .transform(Number)
    .pipe(z.number().max(1000, 'expected 1 to 1000'))
    .optional(),
});

/**
 * `PUT /api/v1/mutables?zone=&key=`: set the value. `ifVersion` makes it a compare-and-swap,
 * `createOnly` refuses an existing mutable; neither means unconditional. `writers` replaces
 * who besides the owner may change it (only the owner or a zone admin may send it).
 */
export const setMutableRequestSchema = z
  .strictObject({
    value: mutableValueSchema,
    ifVersion: z
      .number()
      .int('expected a positive integer')
      .min(1, 'expected a positive integer')
      .max(2 ** 31 - 1, 'expected a version below 2^31')
      .optional(),
    createOnly: z.boolean().optional(),
    writers: z.array(mutableWriterSchema).max(maxMutableWriters).optional(),
  })
  .superRefine((request, context) => {
    if (request.ifVersion !== undefined && request.createOnly === true) {
      context.addIssue({ code: 'custom', path: ['createOnly'], message: 'expected ifVersion or createOnly, not both' });
    }
  });
export type SetMutableRequest = z.infer<typeof setMutableRequestSchema>;

/** What the zone says about a mutable after a set or delete (no value). */
export const mutableInfoSchema = z.strictObject({
  key: mutableKeySchema,
  /** 1 for a new mutable, then +1 for every set and delete. */
  version: z.number().int().min(1),
  ownerId: z.string(),
  writers: z.array(z.string()),
  updatedBy: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MutableInfo = z.infer<typeof mutableInfoSchema>;

/** `GET /api/v1/mutables?zone=&key=`: the current value and its version. */
export const mutableSchema = mutableInfoSchema.extend({ value: mutableValueSchema });
export type Mutable = z.infer<typeof mutableSchema>;

/** One entry of the history; `value` null marks a delete. */
export const mutableVersionSchema = z.strictObject({
  version: z.number().int().min(1),
  value: z.custom<MutableValue | null>((value) => value !== undefined, 'expected a JSON value or null'),
  author: z.string(),
  createdAt: z.iso.datetime(),
});
export type MutableVersion = z.infer<typeof mutableVersionSchema>;

/** `GET /api/v1/mutables/history`: a page of versions; `next` is the `after` of the next page, null at the end. */
export const mutableHistorySchema = z.strictObject({
  key: mutableKeySchema,
  versions: z.array(mutableVersionSchema),
  next: z.number().int().min(1).nullable(),
});
export type MutableHistory = z.infer<typeof mutableHistorySchema>;
