import { z } from 'zod';

/**
 * The parsed forms of every URI figurl reads. Each variant keeps enough raw text that
 * `formatUri` reproduces the input exactly: links are permanent, so we never "tidy" a URI
 * a user or an old Python client wrote.
 *
 * These schemas check shape only (field types, no stray keys); what the text means is checked by
 * `parseUri`, and `formatUri` checks an object against both.
 */

/** One `key=value` pair of a sha1 query, raw (no percent-decoding), as the Python client splits it. */
const queryPairSchema = z.tuple([z.string(), z.string()]).readonly();

const sha1UriSchema = z
  .strictObject({
    kind: z.literal('sha1'),
    /** 40 lowercase hex characters. */
    hash: z.string(),
    /** Raw text after `<hash>/` and before `?` (the kachery-p2p basename); ignored for lookup. */
    name: z.string().exactOptional(),
    /** Raw text after the first `?`, kept for byte-exact formatting. */
    query: z.string().exactOptional(),
    /** Pairs of the query, in order, as `kachery_cloud.load_file._get_query_from_uri` reads them. */
    params: z.array(queryPairSchema).readonly(),
    /** Raw (still percent-encoded) value of the last `label` pair; cosmetic. */
    label: z.string().exactOptional(),
    /** Raw value of the last `location` pair (`store_file_local(reference=True)`). */
    location: z.string().exactOptional(),
  })
  .readonly();

const kacheryUriSchema = z
  .strictObject({
    kind: z.literal('kachery'),
    /** May be empty: `store_file_local` writes `kachery::sha1:…`, meaning "the reader's zone". */
    zone: z.string(),
    hash: z.string(),
    /** Raw (URL-quoted) label after the fourth colon. */
    label: z.string().exactOptional(),
  })
  .readonly();

const gitHubUriSchema = z
  .strictObject({
    kind: z.literal('gh'),
    owner: z.string(),
    repo: z.string(),
    branch: z.string(),
    /** Path inside the repository, `/`-separated, no leading slash. */
    path: z.string(),
  })
  .readonly();

const zenodoUriSchema = z
  .strictObject({
    kind: z.literal('zenodo'),
    /** `zenodo-sandbox://` (sandbox.zenodo.org) rather than `zenodo://`. */
    sandbox: z.boolean(),
    /** Decimal record id, kept as text so large ids never lose precision. */
    recordId: z.string(),
    path: z.string(),
  })
  .readonly();

const dataUriSchema = z
  .strictObject({
    kind: z.literal('data'),
    /** Everything between `data:` and `;base64`/`,`, raw; empty means text/plain;charset=US-ASCII. */
    mediaType: z.string(),
    base64: z.boolean(),
    /** The text after the first comma, still encoded; `decodeDataUri` turns it into bytes. */
    data: z.string(),
  })
  .readonly();

const httpUriSchema = z
  .strictObject({
    kind: z.literal('http'),
    /** The URL exactly as given (http: or https:); use `new URL(url)` for its parts. */
    url: z.string(),
  })
  .readonly();

const gsUriSchema = z
  .strictObject({
    kind: z.literal('gs'),
    bucket: z.string(),
    /** Object path after `<bucket>/`; absent for a bare bucket. */
    path: z.string().exactOptional(),
  })
  .readonly();

const npmUriSchema = z
  .strictObject({
    kind: z.literal('npm'),
    package: z.string(),
    /** Exact version, range or dist-tag, as unpkg accepts after `@`. */
    version: z.string(),
    path: z.string().exactOptional(),
  })
  .readonly();

/**
 * Shape of a parsed figurl URI, discriminated by `kind`.
 *
 * @example
 * figurlUriSchema.parse({ kind: 'gh', owner: 'o', repo: 'r', branch: 'main', path: 'c.json' });
 */
export const figurlUriSchema = z.discriminatedUnion('kind', [
  sha1UriSchema,
  kacheryUriSchema,
  gitHubUriSchema,
  zenodoUriSchema,
  dataUriSchema,
  httpUriSchema,
  gsUriSchema,
  npmUriSchema,
]);

export type FigurlUri = z.infer<typeof figurlUriSchema>;
export type FigurlUriKind = FigurlUri['kind'];
export type QueryPair = z.infer<typeof queryPairSchema>;
export type Sha1Uri = z.infer<typeof sha1UriSchema>;
export type KacheryUri = z.infer<typeof kacheryUriSchema>;
export type GitHubUri = z.infer<typeof gitHubUriSchema>;
export type ZenodoUri = z.infer<typeof zenodoUriSchema>;
export type DataUri = z.infer<typeof dataUriSchema>;
export type HttpUri = z.infer<typeof httpUriSchema>;
export type GsUri = z.infer<typeof gsUriSchema>;
export type NpmUri = z.infer<typeof npmUriSchema>;
