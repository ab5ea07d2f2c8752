import { z } from 'zod';
import { sortingCurationActionSchema } from '../curation/sorting-curation-action-schema.js';
import { sortingCurationSchema } from '../curation/sorting-curation-schema.js';
import { feedIdSchema, userIdSchema } from './feeds.js';
import { repoNameSchema } from './figures.js';
import { timestampMsSchema, zoneNameSchema } from './primitives.js';

/*
 * Curation documents (docs/protocol.md §7): a sortingview curation kept by the zone as the
 * reduced state of a feed of actions, so many people can curate one sorting live.
 */

export const createCurationRequestSchema = z.strictObject({
  label: z.string().max(200).optional(),
  /** Users who may act besides the owner; "*" is anyone who may upload to the zone. */
  editors: z
    .array(z.union([userIdSchema, z.literal('*')]))
    .max(100)
    .optional(),
  /** Anyone who can push to this repository may act (checked by the GitHub app). */
  editRepo: repoNameSchema.optional(),
  /** Default true: anyone who may download from the zone may read it. */
  publicRead: z.boolean().optional(),
  /** The starting state (a spyglass or saved curation), recorded as a first SET_CURATION action. */
  initial: sortingCurationSchema.optional(),
});

export const curationSchema = z.strictObject({
  curationId: feedIdSchema,
  zone: zoneNameSchema,
  owner: z.string(),
  label: z.string().nullable(),
  editors: z.array(z.string()),
  editRepo: z.string().nullable(),
  publicRead: z.boolean(),
  /** Actions applied so far: also the seq the next action gets in the curation's feed. */
  version: z.number().int().nonnegative(),
  state: sortingCurationSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CurationInfo = z.infer<typeof curationSchema>;

/** `POST /api/v1/curations/:curationId/actions`: applied in order, all or none. */
export const curationActionsRequestSchema = z.strictObject({
  actions: z.array(sortingCurationActionSchema).min(1).max(1000),
  /** The version the caller's view is based on; another is CONFLICT. */
  ifVersion: z.number().int().nonnegative().optional(),
});

export const curationActionsResponseSchema = z.strictObject({
  curationId: feedIdSchema,
  version: z.number().int().nonnegative(),
  state: sortingCurationSchema,
});

/**
 * One applied action as the curation's feed holds it: its seq (the version it made is seq + 1),
 * who acted (the zone's attribution) and when (ms since the epoch, the zone's clock).
 */
export const curationActionEntrySchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  author: z.string(),
  timestamp: timestampMsSchema,
  action: sortingCurationActionSchema,
});
export type CurationActionEntry = z.infer<typeof curationActionEntrySchema>;

/** Events for consumers outside the zone (the GitHub app): `GET /api/v1/events`. */
export const outboxEventSchema = z.strictObject({
  id: z.number().int().positive(),
  topic: z.string(),
  key: z.string(),
  payload: z.unknown(),
  createdAt: z.iso.datetime(),
});

export const eventsQuerySchema = z.strictObject({
  topic: z.string().min(1).max(100),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const eventsResponseSchema = z.strictObject({
  events: z.array(outboxEventSchema),
  /** Pass as `after` next time. */
  next: z.number().int().nonnegative(),
});
