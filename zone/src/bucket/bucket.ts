import type { Readable } from 'node:stream';

/** Metadata of a stored object. */
export interface BucketObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
}

/** An inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where blob bytes live: a folder on disk or an S3-compatible bucket. Keys are relative,
 * `/`-separated, made of `[A-Za-z0-9._-]` segments with no `.`/`..`/empty segment (see
 * `assertBucketKey`); every implementation refuses anything else before touching storage.
 */
export interface Bucket {
  /** A description for logs, e.g. `file:///data/bucket` or `s3://figurl (endpoint …)`. */
  readonly description: string;
  /**
   * Streams `body` to `key`, replacing nothing half-written: readers see the old object or the
   * whole new one. Resolves with the number of bytes written. When `size` is given, a body of
   * another length is refused (nothing is left under `key`).
   */
  put(key: string, body: Readable | AsyncIterable<Uint8Array>, options?: { size?: number }): Promise<number>;
  /** The object's bytes (the whole object or `range`), or null when absent. */
  get(key: string, range?: ByteRange): Promise<{ body: Readable; size: number } | null>;
  head(key: string): Promise<BucketObjectInfo | null>;
  /** Deletes `key`; deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Copies `from` to `to` only if `to` does not exist yet (create-only): `'created'` when this
   * call made `to`, `'exists'` when it was already there (its bytes untouched). `from` stays.
   */
  copyIfAbsent(from: string, to: string): Promise<'created' | 'exists'>;
  /** Every object under `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<BucketObjectInfo>;
  /**
   * A URL a client can PUT `size` bytes to, valid `expiresInSeconds`, when the bucket serves
   * uploads itself (S3); undefined when the zone must proxy uploads (filesystem).
   */
  presignPut?(key: string, options: { size: number; expiresInSeconds: number }): Promise<string>;
  /** A URL a client can GET the object from; undefined when the zone serves downloads. */
  presignGet?(key: string, options: { expiresInSeconds: number }): Promise<string>;
  close?(): Promise<void>;
}
