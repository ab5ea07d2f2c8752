import { FigurlError, quote } from '@figurl/sdk';

const segment = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Throws `INVALID_REQUEST` unless `key` is a safe bucket key: 1–1024 characters of `/`-separated
 * segments made of letters, digits, `.`, `_`, `-`, none empty, none `.` or `..`, no leading
 * dot in a segment. This is what keeps a key from ever naming a path outside the bucket.
 *
 * @example
 * assertBucketKey('sha1/b9/71/c6/b971c6ef19b1d70ae8f0feb989b106c319b36230');
 */
export function assertBucketKey(key: unknown): asserts key is string {
  const ok =
    typeof key === 'string' &&
    key.length > 0 &&
    key.length <= 1024 &&
    key.split('/').every((part) => segment.test(part) && part !== '.' && part !== '..');
  if (!ok) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid object key ${quote(key)}: expected "/"-separated segments of letters, digits, ".", "_" or "-" (no empty, "." or ".." segments, no leading dot)`,
    );
  }
}
