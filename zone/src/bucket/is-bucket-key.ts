import { assertBucketKey } from './assert-bucket-key.js';

/**
 * Whether `key` passes `assertBucketKey`. For names found in storage (a listing), where an
 * invalid one is skipped, not an error: someone may have put files into the bucket by hand.
 *
 * @example
 * isBucketKey('staging/x'); // true
 * isBucketKey('../x'); // false
 */
export function isBucketKey(key: unknown): key is string {
  try {
    assertBucketKey(key);
    return true;
  } catch {
    return false;
  }
}
