import { Readable } from 'node:stream';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { countBodyBytes } from './count-body-bytes.js';
import { toBucketError } from './to-bucket-error.js';

/** Where and what `putS3Object` writes. `key` is the full object key (storage prefix included). */
export interface PutS3ObjectOptions {
  client: S3Client;
  bucket: string;
  key: string;
  /** The bucket key and the bucket's description, for error messages. */
  bucketKey: string;
  description: string;
  body: Readable | AsyncIterable<Uint8Array>;
  size: number | undefined;
}

/**
 * Streams a body to S3 without buffering it, resolving with the bytes written. With a known
 * `size`: one `PutObject` with that `Content-Length`; the body is counted on the way and a body of
 * another length aborts the request before its last byte leaves (see `countBodyBytes`), so S3
 * stores nothing (an S3 PUT is all or nothing). Without `size`: a multipart upload
 * (`@aws-sdk/lib-storage`, 8 MiB parts, one in flight), aborted on error. Errors of the source
 * (including a wrong size) are rethrown unchanged; S3 errors become `UNAVAILABLE` (toBucketError).
 *
 * @example
 * await putS3Object({ client, bucket: 'figurl', key: 'staging/x', bucketKey: 'staging/x', description, body, size: 5 });
 */
export async function putS3Object(options: PutS3ObjectOptions): Promise<number> {
  const { client, bucket, key, size } = options;
  const counted = countBodyBytes(options.body, options.bucketKey, size);
  const abort = new AbortController();
  async function* source(): AsyncGenerator<Uint8Array> {
    try {
      yield* counted.chunks;
    } catch (error) {
      // PutObject pipes the body into the request, and pipe() does not forward a source error:
      // without this abort the request would wait for bytes that never come. (lib-storage reads
      // the body itself, sees the error and aborts the multipart upload before it rejects.)
      abort.abort();
      throw error;
    }
  }
  const body = Readable.from(source(), { objectMode: false });
  // The error is reported through counted.failure; this keeps an unlistened 'error' from crashing.
  body.on('error', () => undefined);
  try {
    if (size !== undefined) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: size }), {
        abortSignal: abort.signal,
      });
    } else {
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: body },
        partSize: 8 * 1024 * 1024,
        queueSize: 1,
        leavePartsOnError: false,
      });
      await upload.done();
    }
  } catch (err) {
    if (counted.failure !== undefined) throw counted.failure.error;
    throw toBucketError(options.description, 'put', options.bucketKey, err);
  } finally {
    // On an S3 failure, stop reading the source (destroying it, e.g. the client's request).
    body.destroy();
  }
  if (counted.failure !== undefined) throw counted.failure.error;
  return counted.bytes;
}
