import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { FigurlError, quote } from '@figurl/sdk';
import { assertBucketKey } from './assert-bucket-key.js';
import { assertBucketPrefix } from './assert-bucket-prefix.js';
import { assertByteRange, unsatisfiableRange } from './assert-byte-range.js';
import { assertPresignOptions } from './assert-presign-options.js';
import type { Bucket, BucketObjectInfo, ByteRange } from './bucket.js';
import { isBucketKey } from './is-bucket-key.js';
import { putS3Object } from './put-s3-object.js';
import { s3ErrorKind } from './s3-error-kind.js';
import { toBucketError } from './to-bucket-error.js';
import { trimToRange } from './trim-to-range.js';

/** Static AWS credentials, read at the edge (see `awsCredentialsFromEnv`). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3BucketOptions {
  bucket: string;
  /** An S3-compatible endpoint (`http://127.0.0.1:9000`); AWS when absent. */
  endpoint?: string;
  region: string;
  forcePathStyle?: boolean;
  /** When absent the SDK's default provider chain applies (instance roles, ~/.aws, its env). */
  credentials?: AwsCredentials;
  /** A folder inside the bucket holding every key (`zones/lab`); the bucket root when absent. */
  prefix?: string;
}

/** Failures reach callers as FigurlErrors; see the `logger` setting below. */
const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
/** Attempts of one `copyIfAbsent` that keeps meeting 409 ConditionalRequestConflict. */
const copyAttempts = 5;

/**
 * A bucket on S3 or an S3-compatible service. Uploads and downloads can bypass the zone with
 * presigned URLs; `presignPut` signs `Content-Length`, so S3 refuses a body of another length.
 * `copyIfAbsent` is HEAD then `CopyObject` with `If-None-Match: *`. A backend that ignores the
 * condition (s3rver, older S3-compatibles) lets two racing copies both report `'created'`; at
 * worst the second rewrites `to` with the same bytes, which is harmless only because callers copy
 * verified, content-addressed objects: never rely on it to arbitrate different contents.
 *
 * @example
 * const bucket = createS3Bucket({ bucket: 'figurl', region: 'us-east-1', credentials });
 * const url = await bucket.presignPut?.('staging/x', { size: 1234, expiresInSeconds: 900 });
 */
export function createS3Bucket(options: S3BucketOptions): Bucket {
  const { bucket } = options;
  const root = options.prefix === undefined || options.prefix === '' ? '' : `${options.prefix}/`;
  if (root !== '' && !isBucketKey(options.prefix)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid bucket prefix ${quote(options.prefix)}: expected "/"-separated segments of letters, digits, ".", "_" or "-"`,
    );
  }
  const description = `s3://${bucket}/${root}${options.endpoint === undefined ? '' : ` (endpoint ${safeEndpoint(options.endpoint)})`}`;
  const config: S3ClientConfig = {
    region: options.region,
    // The SDK's default (WHEN_SUPPORTED) sends streaming bodies aws-chunked with a CRC trailer
    // and puts an empty-body checksum into presigned PUTs; many S3-compatibles reject both.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // requestTimeout is per-socket idle time: a stalled bucket fails a call instead of hanging it.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
    // Failures reach callers as FigurlErrors; the SDK's own console warnings (one per failed
    // streaming PUT, which it never retries) would only repeat them.
    logger: quietLogger,
  };
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.forcePathStyle !== undefined) config.forcePathStyle = options.forcePathStyle;
  if (options.credentials !== undefined) config.credentials = options.credentials;
  const client = new S3Client(config);

  const keyOf = (key: string) => {
    assertBucketKey(key);
    return `${root}${key}`;
  };
  const fail = (verb: string, key: string, err: unknown) => toBucketError(description, verb, key, err);

  async function head(key: string): Promise<BucketObjectInfo | null> {
    try {
      const found = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
      return { key, size: found.ContentLength ?? 0, lastModified: found.LastModified ?? new Date(0) };
    } catch (err) {
      if (s3ErrorKind(err) === 'absent') return null;
      throw fail('head', key, err);
    }
  }

  async function get(key: string, range?: ByteRange): Promise<{ body: Readable; size: number } | null> {
    const objectKey = keyOf(key);
    if (range !== undefined) assertByteRange(range);
    let found: GetObjectCommandOutput;
    try {
      const Range = range === undefined ? undefined : `bytes=${range.start}-${range.end}`;
      found = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey, ...(Range && { Range }) }));
    } catch (err) {
      const kind = s3ErrorKind(err);
      if (kind === 'absent') return null;
      if (kind === 'range' && range !== undefined) throw unsatisfiableRange(key, range, undefined);
      throw fail('get', key, err);
    }
    const body = found.Body as Readable;
    const length = found.ContentLength ?? 0;
    if (range === undefined) return { body, size: length };
    return trimToRange(key, body, length, found.ContentRange, range);
  }

  async function copyIfAbsent(from: string, to: string): Promise<'created' | 'exists'> {
    const source = `${bucket}/${keyOf(from).split('/').map(encodeURIComponent).join('/')}`;
    const target = keyOf(to);
    for (let attempt = 1; attempt <= copyAttempts; attempt++) {
      if ((await head(to)) !== null) return 'exists';
      try {
        await client.send(new CopyObjectCommand({ Bucket: bucket, Key: target, CopySource: source, IfNoneMatch: '*' }));
        return 'created';
      } catch (err) {
        const kind = s3ErrorKind(err);
        if (kind === 'exists') return 'exists';
        if (kind === 'absent')
          throw new FigurlError('NOT_FOUND', `bucket ${description} cannot copy ${quote(from)}: no such object`);
        if (kind !== 'conflict') throw fail('copy', to, err);
        // 409: another conditional write to `to` is in flight and may still fail, so answering
        // 'exists' now could claim an object that never appears. Wait, then look again.
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
    throw new FigurlError(
      'UNAVAILABLE',
      `bucket ${description} failed to copy ${quote(to)}: ${copyAttempts} attempts met a concurrent write`,
    );
  }

  async function* list(prefix: string): AsyncGenerator<BucketObjectInfo> {
    assertBucketPrefix(prefix);
    let token: string | undefined;
    // Bounded by the listing itself; a server handing back a token twice would loop forever.
    for (const seen = new Set<string>(); ; ) {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: `${root}${prefix}`,
            ...(token && { ContinuationToken: token }),
          }),
        );
      } catch (err) {
        throw fail('list', prefix, err);
      }
      for (const item of page.Contents ?? []) {
        const key = item.Key?.slice(root.length) ?? '';
        if (isBucketKey(key)) yield { key, size: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) };
      }
      if (page.IsTruncated !== true) return;
      token = page.NextContinuationToken;
      if (token === undefined || seen.has(token)) throw fail('list', prefix, new Error('the listing did not advance'));
      seen.add(token);
    }
  }

  return {
    description,
    async put(key, body, putOptions) {
      const objectKey = keyOf(key);
      return putS3Object({ client, bucket, key: objectKey, bucketKey: key, description, body, size: putOptions?.size });
    },
    get,
    head,
    async delete(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(key) }));
      } catch (err) {
        if (s3ErrorKind(err) !== 'absent') throw fail('delete', key, err);
      }
    },
    copyIfAbsent,
    list,
    async presignPut(key, { size, expiresInSeconds }) {
      const objectKey = keyOf(key);
      assertPresignOptions(key, { expiresInSeconds, size });
      const command = new PutObjectCommand({ Bucket: bucket, Key: objectKey, ContentLength: size });
      // Signing content-length makes a PUT of any other length fail the signature check.
      return getSignedUrl(client, command, {
        expiresIn: expiresInSeconds,
        signableHeaders: new Set(['content-length']),
      });
    },
    async presignGet(key, { expiresInSeconds }) {
      const objectKey = keyOf(key);
      assertPresignOptions(key, { expiresInSeconds });
      return getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: objectKey }), {
        expiresIn: expiresInSeconds,
      });
    },
    async close() {
      client.destroy();
    },
  };
}

/** The endpoint without user:password, so a description never carries credentials. */
function safeEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return '<invalid endpoint>';
  }
}
