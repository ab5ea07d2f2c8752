import type { Bucket } from './bucket.js';
import { createFilesystemBucket } from './create-filesystem-bucket.js';
import { type AwsCredentials, createS3Bucket } from './create-s3-bucket.js';
import type { BucketConfig } from './parse-bucket-url.js';

/**
 * The bucket a config (from `parseBucketUrl`) names. `credentials` are used by S3 buckets only;
 * the edge reads them (`awsCredentialsFromEnv`) so nothing here touches the environment.
 *
 * @example
 * const bucket = createBucket(parseBucketUrl(undefined, { defaultRoot: '/data/bucket' }));
 * bucket.description; // 'file:///data/bucket'
 */
export function createBucket(config: BucketConfig, options: { credentials?: AwsCredentials | undefined } = {}): Bucket {
  if (config.kind === 'filesystem') return createFilesystemBucket({ root: config.root });
  const { kind: _kind, ...s3 } = config;
  return createS3Bucket(options.credentials === undefined ? s3 : { ...s3, credentials: options.credentials });
}
