import { z } from 'zod';
import { sortingCurationActionSchema } from '../curation/sorting-curation-action-schema.js';
import { sortingCurationSchema } from '../curation/sorting-curation-schema.js';
import { curationActionEntrySchema } from '../schemas/curations.js';
import { feedIdSchema } from '../schemas/feeds.js';

/*
 * The `figurl-curation` service (docs/protocol.md §13): a plugin's serviceQuery that keeps a
 * sortingview curation in a zone curation document, live and attributed to the signed-in user.
 * The same queries are the body of the shell's `POST /api/curation`.
 */

/** The `serviceName` of a serviceQuery for curation documents. */
export const curationServiceName = 'figurl-curation';
/** A watch waits at most this long (the zone long-polls up to 30 s); the default is 20 s. */
export const curationWatchMaxSeconds = 25;
export const curationWatchDefaultSeconds = 20;

/** How a figure names a curation document it may use: `curation://<curationId>`. */
export function toCurationUri(curationId: string): string {
  return `curation://${curationId}`;
}

export const curationServiceQuerySchema = z.discriminatedUnion(
  'op',
  [
    /** A new document anyone signed in to the zone may curate (editors ["*"]) and anyone may read. */
    z.strictObject({
      op: z.literal('create'),
      label: z.string().max(200).optional(),
      initial: sortingCurationSchema.optional(),
    }),
    z.strictObject({ op: z.literal('get'), curationId: feedIdSchema }),
    /** Applied in order, all or none; a stale `ifVersion` is CONFLICT. */
    z.strictObject({
      op: z.literal('act'),
      curationId: feedIdSchema,
      actions: z.array(sortingCurationActionSchema).min(1).max(1000),
      ifVersion: z.number().int().nonnegative().optional(),
    }),
    /** Answers once there are actions after `afterVersion`, or after `waitSeconds` with none. */
    z.strictObject({
      op: z.literal('watch'),
      curationId: feedIdSchema,
      afterVersion: z.number().int().nonnegative(),
      waitSeconds: z.number().min(0).max(curationWatchMaxSeconds).optional(),
    }),
  ],
  { error: 'expected op "create", "get", "act" or "watch"' },
);
export type CurationServiceQuery = z.infer<typeof curationServiceQuerySchema>;
export type CurationServiceOp = CurationServiceQuery['op'];

const curationStateFields = {
  curationId: feedIdSchema,
  /** Actions applied so far. */
  version: z.number().int().nonnegative(),
  state: sortingCurationSchema,
};

export const curationCreateResultSchema = z.strictObject(curationStateFields);
export const curationGetResultSchema = z.strictObject({
  ...curationStateFields,
  label: z.string().nullable(),
  owner: z.string(),
});
export const curationActResultSchema = z.strictObject(curationStateFields);
/** `actions`: those after `afterVersion` up to `version` (the last 1000 at most), in order. */
export const curationWatchResultSchema = z.strictObject({
  ...curationStateFields,
  actions: z.array(curationActionEntrySchema),
});

/** The answer's schema for each op. */
export const curationServiceResultSchemas = {
  create: curationCreateResultSchema,
  get: curationGetResultSchema,
  act: curationActResultSchema,
  watch: curationWatchResultSchema,
} as const;
export type CurationServiceResultOf<Op extends CurationServiceOp> = z.infer<(typeof curationServiceResultSchemas)[Op]>;
export type CurationServiceResult = CurationServiceResultOf<CurationServiceOp>;
