/** What an S3 error means to a bucket caller. */
export type S3ErrorKind = 'absent' | 'exists' | 'conflict' | 'range' | 'other';

/**
 * Classifies an error thrown by `@aws-sdk/client-s3`. `absent`: no such key (GET answers
 * `NoSuchKey`, HEAD only a bare 404 `NotFound`); a missing *bucket* is `other`, so a
 * misconfigured bucket fails loudly instead of looking empty. `exists`: 412 PreconditionFailed
 * of `If-None-Match: *`. `conflict`: 409 ConditionalRequestConflict, a concurrent conditional
 * write to the same key still in flight (S3: "retry"). `range`: 416 InvalidRange.
 *
 * @example
 * if (s3ErrorKind(err) === 'absent') return null;
 */
export function s3ErrorKind(err: unknown): S3ErrorKind {
  if (!(err instanceof Error)) return 'other';
  const status = (err as Error & { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const name = err.name;
  if (name === 'NoSuchBucket') return 'other';
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) return 'absent';
  if (name === 'PreconditionFailed' || status === 412) return 'exists';
  if (name === 'ConditionalRequestConflict' || status === 409) return 'conflict';
  if (name === 'InvalidRange' || status === 416) return 'range';
  return 'other';
}
