import { FigurlError, quote } from '@figurl/sdk';
import { assertBucketKey } from './assert-bucket-key.js';

/**
 * Throws `INVALID_REQUEST` unless `prefix` can start a bucket key: `''` (everything), a key, or
 * a key followed by `/`. A partial last segment (`sha1/b9/7`) is allowed, as in S3 listings;
 * it follows the same character rules as key segments, so no prefix reaches outside the bucket.
 *
 * @example
 * assertBucketPrefix('staging/'); // every staged upload
 */
export function assertBucketPrefix(prefix: unknown): asserts prefix is string {
  if (prefix === '') return;
  try {
    if (typeof prefix !== 'string') throw new TypeError('not a string');
    assertBucketKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  } catch {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid key prefix ${quote(prefix)}: expected "" or "/"-separated segments of letters, digits, ".", "_" or "-" (no empty, "." or ".." segments, no leading dot), optionally ending in "/"`,
    );
  }
}
