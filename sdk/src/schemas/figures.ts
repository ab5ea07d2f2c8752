import { z } from 'zod';
import { sha1HashSchema, zoneNameSchema } from './primitives.js';
import { zoneQuerySchema } from './zone-api.js';

/*
 * The figures registry and signed blob URLs (docs/protocol.md §6, §7). URIs travel as text and
 * are checked by the zone with `parseUri`, so a bad one is INVALID_URI with parseUri's message.
 */

/** Figures on one page of `GET /api/v1/figures` unless `limit` says otherwise. */
export const defaultFigurePageSize = 50;
/** The most figures one page may hold. */
export const maxFigurePageSize = 200;
/** Lifetime of a signed blob URL when none is asked for: one hour. */
export const defaultSignedUrlSeconds = 3600;
/** The longest a signed blob URL may live: seven days. */
export const maxSignedUrlSeconds = 7 * 24 * 3600;

/** A user id: a GitHub login, or a fixed id such as "local" or "anonymous". */
const ownerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'expected a user id such as a GitHub login ("octocat")');
/** `owner/name` of a GitHub repository. */
export const repoNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, 'expected a GitHub repository as "owner/name"');
export const pullRequestNumberSchema = z
  .number()
  .int()
  .min(1, 'expected a pull request number ≥ 1')
  .max(2_147_483_647, 'expected a pull request number < 2³¹');
/** A git commit: 40 (SHA-1) or 64 (SHA-256) lowercase hex. */
export const commitShaSchema = z
  .string()
  .regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'expected a commit SHA of 40 or 64 lowercase hex characters');

// Control characters have no place in a label that becomes a page title and a URL parameter.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const noControls = /^[^\u0000-\u001f\u007f]*$/;
const labelSchema = z
  .string()
  .min(1, 'expected a non-empty label')
  .max(1000, 'expected at most 1000 characters')
  .regex(noControls, 'expected text without control characters');
const uriTextSchema = z.string().max(2 * 1024 * 1024 + 64);
const allowedUsersSchema = z
  .array(ownerIdSchema)
  .max(100, 'expected at most 100 allowed users')
  .refine((users) => new Set(users).size === users.length, 'expected each user once');
const isoTimeSchema = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time such as 2027-01-01T00:00:00Z' });

/** `POST /api/v1/figures`: record a figURL. The owner is whoever asks. */
export const registerFigureRequestSchema = z
  .strictObject({
    /** The plugin: `gs://…`, `npm://…`, `http(s)://…`, or a plugin name such as `vegalite`. */
    viewUri: uriTextSchema,
    /** The data: `sha1://…`, `kachery:…`, `gh://…`, `zenodo://…`, `data:…` or `http(s)://…`. */
    dataUri: uriTextSchema,
    label: labelSchema,
    repo: repoNameSchema.optional(),
    pullRequest: pullRequestNumberSchema.optional(),
    commitSha: commitShaSchema.optional(),
    checkName: z.string().min(1).max(200).regex(noControls, 'expected text without control characters').optional(),
    pinned: z.boolean().optional(),
    /** Only the owner and `allowedUsers` (and the zone's admins) may then read the figure's blobs. */
    private: z.boolean().optional(),
    allowedUsers: allowedUsersSchema.optional(),
    expiresAt: isoTimeSchema.optional(),
    /** Default true: a `sha1://` data blob must already be in the zone. */
    requireData: z.boolean().optional(),
  })
  .refine((r) => r.pullRequest === undefined || r.repo !== undefined, {
    message: 'expected "repo" with "pullRequest"',
    path: ['pullRequest'],
  });
export type RegisterFigureRequest = z.input<typeof registerFigureRequestSchema>;

export const figureSchema = z.strictObject({
  id: z.uuid(),
  zone: zoneNameSchema,
  viewUri: z.string(),
  dataUri: z.string(),
  /** The data's hash when `dataUri` names a sha1 blob. */
  dataSha1: sha1HashSchema.nullable(),
  label: z.string(),
  owner: z.string(),
  repo: z.string().nullable(),
  pullRequest: z.number().int().nullable(),
  commitSha: z.string().nullable(),
  checkName: z.string().nullable(),
  /** A pinned figure does not expire. */
  pinned: z.boolean(),
  private: z.boolean(),
  allowedUsers: z.array(z.string()),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
/** A figure as the registry holds it (not the `Figure` builder of `sdk/src/figures/`). */
export type FigureRecord = z.infer<typeof figureSchema>;

export const registerFigureResponseSchema = z.strictObject({
  figure: figureSchema,
  /** The blobs recorded as the figure's data (the data blob and every sha1 URI reachable in JSON). */
  blobRefs: z.strictObject({
    count: z.number().int().nonnegative(),
    /** False when a bound (depth, count, bytes read) stopped the walk through referenced JSON. */
    complete: z.boolean(),
  }),
});
export type RegisterFigureResponse = z.infer<typeof registerFigureResponseSchema>;

const queryInt = (schema: z.ZodNumber) =>
  z
    .string()
    .regex(/^[0-9]{1,10}$/, 'expected a positive integer')
    .transform(Number)
    .pipe(schema);

/** `GET /api/v1/figures?zone=&owner=&repo=&pullRequest=&label=&cursor=&limit=`, newest first. */
export const listFiguresQuerySchema = zoneQuerySchema.extend({
  owner: ownerIdSchema.optional(),
  repo: repoNameSchema.optional(),
  pullRequest: queryInt(pullRequestNumberSchema).optional(),
  /** Case-insensitive substring of the label. */
  label: z.string().min(1).max(200).regex(noControls, 'expected text without control characters').optional(),
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'expected the nextCursor of a previous page')
    .optional(),
  limit: queryInt(z.number().int().min(1).max(maxFigurePageSize, `expected at most ${maxFigurePageSize}`)).default(
    defaultFigurePageSize,
  ),
});
export type ListFiguresQuery = z.input<typeof listFiguresQuerySchema>;

export const listFiguresResponseSchema = z.strictObject({
  figures: z.array(figureSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ListFiguresResponse = z.infer<typeof listFiguresResponseSchema>;

/** `PATCH /api/v1/figures/:id` (owner only): the fields given are set, the others kept. */
export const updateFigureRequestSchema = z
  .strictObject({
    label: labelSchema.optional(),
    pinned: z.boolean().optional(),
    /** null: never expires. */
    expiresAt: isoTimeSchema.nullable().optional(),
    private: z.boolean().optional(),
    allowedUsers: allowedUsersSchema.optional(),
  })
  .refine((r) => Object.keys(r).length > 0, 'expected at least one of label, pinned, expiresAt, private, allowedUsers');
export type UpdateFigureRequest = z.input<typeof updateFigureRequestSchema>;

/** `DELETE /api/v1/figures/:id` (owner only): the figure is gone from lists and its blob refs removed. */
export const deleteFigureResponseSchema = z.strictObject({
  id: z.uuid(),
  deletedAt: z.iso.datetime({ offset: true }),
});
export type DeleteFigureResponse = z.infer<typeof deleteFigureResponseSchema>;

/** `POST /api/v1/blobs/:hash/signed-url`: a download link that needs no credentials. */
export const signedUrlRequestSchema = z.strictObject({
  expiresInSeconds: z
    .number()
    .int()
    .min(1, 'expected at least 1 second')
    .max(maxSignedUrlSeconds, `expected at most ${maxSignedUrlSeconds} seconds (7 days)`)
    .default(defaultSignedUrlSeconds),
});
export type SignedUrlRequest = z.input<typeof signedUrlRequestSchema>;

export const signedUrlResponseSchema = z.strictObject({
  /** `<zone>/sha1/<hash>?[zone=…&]expires=<unix s>&signature=<64 hex>` */
  url: z.url(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SignedUrlResponse = z.infer<typeof signedUrlResponseSchema>;

/** `GET|HEAD /sha1/:hash?zone=&expires=&signature=`: `expires` and `signature` come together. */
export const blobDownloadQuerySchema = zoneQuerySchema
  .extend({
    expires: z
      .string()
      .regex(/^[0-9]{1,12}$/, 'expected a time in seconds since the epoch')
      .transform(Number)
      .optional(),
    signature: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters')
      .optional(),
  })
  .refine((q) => (q.expires === undefined) === (q.signature === undefined), {
    message: 'expected both "expires" and "signature" (a signed URL), or neither',
    path: ['signature'],
  });
