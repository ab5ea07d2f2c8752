import { FigurlError } from '@figurl/sdk';
import type { AwsCredentials } from './create-s3-bucket.js';

/**
 * Reads static AWS credentials from the usual variables, for an edge (`start.ts`, the CLI) to
 * pass to `createBucket`: undefined when neither key variable is set (the SDK's default chain,
 * e.g. an instance role, then applies); `INVALID_REQUEST` naming the missing variable when only
 * one is. Values never appear in messages.
 *
 * @example
 * const bucket = createBucket(parseBucketUrl(env.FIGURL_BUCKET_URL, { defaultRoot }), {
 *   credentials: awsCredentialsFromEnv(process.env),
 * });
 */
export function awsCredentialsFromEnv(env: Record<string, string | undefined>): AwsCredentials | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || undefined;
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  if (accessKeyId === undefined && secretAccessKey === undefined) {
    if (sessionToken !== undefined) throw missing('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN');
    return undefined;
  }
  if (accessKeyId === undefined) throw missing('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY');
  if (secretAccessKey === undefined) throw missing('AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID');
  return sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
}

function missing(absent: string, present: string): FigurlError {
  return new FigurlError(
    'INVALID_REQUEST',
    `invalid environment: ${present} is set but ${absent} is not: expected both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither`,
  );
}
