import { createHash } from 'node:crypto';
import { pipeline, type Readable, Transform } from 'node:stream';
import { FigurlError } from '@figurl/sdk';
import { findLiveUpload } from './find-live-upload.js';
import type { StorageDeps } from './storage-deps.js';

/**
 * The zone-proxied PUT of an upload: streams the body to the staging key while hashing it
 * (SHA-1 and SHA-256), so finalize need not read the bytes again. One PUT per upload at a time:
 * the claim and the recorded digests live in the upload row, so the digests always describe the
 * bytes that the one writer put under the staging key.
 */
export async function receiveUpload(
  deps: StorageDeps,
  input: { uploadId: string; body: Readable; contentLength: number | undefined },
): Promise<{ size: number }> {
  const upload = await findLiveUpload(deps, input.uploadId);
  if (input.contentLength !== undefined && input.contentLength !== upload.size) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `upload ${upload.id} announced ${upload.size} bytes but the PUT has Content-Length ${input.contentLength}: expected the announced size`,
    );
  }
  if (!(await deps.uploads.claimReceive(upload.id))) {
    throw new FigurlError(
      'CONFLICT',
      `upload ${upload.id} already has its bytes (or is receiving them): expected one PUT per upload; finalize it, or initiate a new upload`,
    );
  }
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sha1.update(chunk);
      sha256.update(chunk);
      done(null, chunk);
    },
  });
  try {
    // pipeline, not pipe: a client that drops the connection must fail the write (and remove
    // its temporary file), not leave it waiting for an end that never comes.
    const hashed = pipeline(input.body, hashing, () => {});
    const size = await deps.bucket.put(upload.stagingKey, hashed, { size: upload.size });
    await deps.uploads.recordReceived(upload.id, { sha1: sha1.digest('hex'), sha256: sha256.digest('hex'), size });
    return { size };
  } catch (err) {
    // A body that reached its end was not interrupted, though it is destroyed by then: a
    // failure after it (the database lost while recording the digests) is not the client's.
    const interrupted =
      (err as NodeJS.ErrnoException).code === 'ECONNRESET' || (input.body.destroyed && !input.body.readableEnded);
    hashing.destroy();
    await deps.bucket.delete(upload.stagingKey).catch(() => {});
    await deps.uploads.releaseReceive(upload.id);
    if (interrupted && !(err instanceof FigurlError)) {
      throw new FigurlError(
        'INVALID_REQUEST',
        `the PUT of upload ${upload.id} was interrupted: expected ${upload.size} bytes; send them again`,
        { cause: err },
      );
    }
    throw err;
  }
}
