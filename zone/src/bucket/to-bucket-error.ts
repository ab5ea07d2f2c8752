import { FigurlError, quote } from '@figurl/sdk';

/**
 * Wraps a storage failure (an fs or S3 SDK error) as `UNAVAILABLE`, naming the bucket, the verb
 * and the key. The reason keeps only the error's code, HTTP status and first line of its message
 * (for fs errors only code and syscall, since their messages carry absolute paths): enough to act
 * on, without request dumps, signatures or credentials. FigurlErrors pass through.
 *
 * @example
 * throw toBucketError('file:///data/bucket', 'put', 'staging/x', err);
 * // bucket file:///data/bucket failed to put "staging/x": ENOSPC (write)
 */
export function toBucketError(description: string, verb: string, key: string, err: unknown): FigurlError {
  if (err instanceof FigurlError) return err;
  const reason = reasonOf(err);
  // Not the raw error as cause: SDK errors carry the whole request and response ($response),
  // Authorization header included, and loggers serialize causes.
  const cause = Object.assign(new Error(reason), { name: err instanceof Error ? err.name : 'Error' });
  return new FigurlError('UNAVAILABLE', `bucket ${description} failed to ${verb} ${quote(key)}: ${reason}`, { cause });
}

function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  const fields = err as Error & { code?: unknown; syscall?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const code = typeof fields.code === 'string' ? fields.code : err.name;
  if (typeof fields.syscall === 'string') return `${code} (${fields.syscall})`;
  const status = fields.$metadata?.httpStatusCode;
  const firstLine = (err.message.split('\n')[0] ?? '').slice(0, 200);
  const detail = [typeof status === 'number' ? `HTTP ${status}` : undefined, firstLine || undefined]
    .filter((part) => part !== undefined)
    .join(', ');
  return detail === '' ? code : `${code} (${detail})`;
}
