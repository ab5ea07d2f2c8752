export { assertBucketKey } from './assert-bucket-key.js';
export { assertBucketPrefix } from './assert-bucket-prefix.js';
export { assertByteRange } from './assert-byte-range.js';
export { awsCredentialsFromEnv } from './aws-credentials-from-env.js';
export type { Bucket, BucketObjectInfo, ByteRange } from './bucket.js';
export { createBucket } from './create-bucket.js';
export { createFilesystemBucket } from './create-filesystem-bucket.js';
export { type AwsCredentials, createS3Bucket, type S3BucketOptions } from './create-s3-bucket.js';
export { type BucketConfig, parseBucketUrl } from './parse-bucket-url.js';
