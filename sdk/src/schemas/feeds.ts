import { z } from 'zod';
import { clientIdSchema, sha1HashSchema, signatureSchema, timestampMsSchema, zoneNameSchema } from './primitives.js';
import { zoneQuerySchema } from './zone-api.js';

/*
 * Feeds (docs/protocol.md §6): append-only logs with gap-free seqs, a hash chain, optional
 * ed25519 signatures per message, and live delivery by long-poll or Server-Sent Events.
 */

/** 12 lowercase letters, as kachery-cloud feed ids (`kachery-feed://<feedId>`). */
export const feedIdSchema = z.string().regex(/^[a-z]{12}$/, 'expected a feed id of 12 lowercase letters');

/** A GitHub login or a fixed id such as "anonymous". */
export const userIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'expected a GitHub login (letters, digits, hyphens; at most 39)');

/** Feed limits: a message's canonical JSON, messages per append, messages per read. */
export const feedLimits = { messageChars: 65_536, messagesPerAppend: 1000, messagesPerRead: 1000, maxWaitSeconds: 30 };

export const createFeedRequestSchema = z.strictObject({
  label: z.string().max(200).optional(),
  /** Default true: anyone who may download from the zone may read. */
  publicRead: z.boolean().optional(),
  readers: z.array(userIdSchema).max(100).optional(),
  /** Users who may append besides the owner; "*" is anyone who may upload to the zone. */
  writers: z
    .array(z.union([userIdSchema, z.literal('*')]))
    .max(100)
    .optional(),
});

export const feedSchema = z.strictObject({
  feedId: feedIdSchema,
  zone: zoneNameSchema,
  kind: z.enum(['feed', 'curation']),
  owner: z.string(),
  label: z.string().nullable(),
  publicRead: z.boolean(),
  readers: z.array(z.string()),
  writers: z.array(z.string()),
  messageCount: z.number().int().nonnegative(),
  headHash: sha1HashSchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type FeedInfo = z.infer<typeof feedSchema>;

/** One message to append; `clientId`, `signature` and `timestamp` come together or not at all. */
export const appendMessageSchema = z
  .strictObject({
    message: z.unknown().refine((value) => value !== undefined, 'expected a JSON value'),
    clientId: clientIdSchema.optional(),
    signature: signatureSchema.optional(),
    /** ms since the epoch, inside the signed payload. */
    timestamp: timestampMsSchema.optional(),
  })
  .refine(
    (m) =>
      [m.clientId, m.signature, m.timestamp].every((v) => v === undefined) ||
      [m.clientId, m.signature, m.timestamp].every((v) => v !== undefined),
    'expected clientId, signature and timestamp together (a signed message) or none of them',
  );

/** `POST /api/v1/feeds/:feedId/messages`: all messages are appended, or none. */
export const appendFeedRequestSchema = z.strictObject({
  messages: z.array(appendMessageSchema).min(1).max(feedLimits.messagesPerAppend),
  /** The hash the caller saw last (null: the feed must be empty); a stale one is CONFLICT. */
  previousHash: sha1HashSchema.nullable().optional(),
});

export const appendFeedResponseSchema = z.strictObject({
  feedId: feedIdSchema,
  /** One per message sent; `duplicate` when a signed message was already in the feed. */
  appended: z.array(
    z.strictObject({ seq: z.number().int().nonnegative(), hash: sha1HashSchema, duplicate: z.boolean() }),
  ),
  messageCount: z.number().int().nonnegative(),
  headHash: sha1HashSchema.nullable(),
});

export const feedMessageSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  author: z.string(),
  /** When the zone appended it, ms since the epoch. */
  timestamp: timestampMsSchema,
  message: z.unknown(),
  previousHash: sha1HashSchema.nullable(),
  hash: sha1HashSchema,
  clientId: clientIdSchema.nullable(),
  signature: signatureSchema.nullable(),
  signedAt: timestampMsSchema.nullable(),
});
export type FeedMessage = z.infer<typeof feedMessageSchema>;

export const readFeedResponseSchema = z.strictObject({
  feedId: feedIdSchema,
  from: z.number().int().nonnegative(),
  messages: z.array(feedMessageSchema),
  messageCount: z.number().int().nonnegative(),
  headHash: sha1HashSchema.nullable(),
});

/** `GET /api/v1/feeds/:feedId/messages?from=&limit=&wait=`: `wait` seconds for a first message. */
export const readFeedQuerySchema = zoneQuerySchema.extend({
  from: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(feedLimits.messagesPerRead).default(feedLimits.messagesPerRead),
  wait: z.coerce.number().min(0).max(feedLimits.maxWaitSeconds).default(0),
});

/** `GET /api/v1/feeds/:feedId/events?from=` (Server-Sent Events; `Last-Event-ID` wins over `from`). */
export const feedEventsQuerySchema = zoneQuerySchema.extend({ from: z.coerce.number().int().min(0).default(0) });
