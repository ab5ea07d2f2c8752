import { randomUUID } from 'node:crypto';
import { type BlobInfo, digestStream, FigurlError, sha1ObjectKey } from '@figurl/sdk';
import { createNodeHasher } from '@figurl/sdk/node';
import type { UploadRecord } from '../repositories/upload-repository.js';
import type { StorageDeps } from './storage-deps.js';

/**
 * Verifies an upload and publishes it under its content key:
 * 1. digests of the staged bytes: those recorded by the zone-proxied PUT, or — when a client
 *    wrote to the bucket directly — computed from a zone-private copy the client cannot touch;
 * 2. a mismatch in SHA-1, size or announced SHA-256 deletes the staged bytes, marks the upload
 *    rejected and throws `HASH_MISMATCH`; nothing reaches the content key or the blob table;
 * 3. otherwise copy create-only to `sha1/aa/bb/cc/<sha1>` (existing bytes are never replaced),
 *    insert the blob row `ON CONFLICT DO NOTHING` under the blob's lock (checking the bytes
 *    are still there: see docs/ARCHITECTURE.md, Lifecycle), drop the staging object.
 * Finalizing an already finalized upload returns the blob again (idempotent). `created` tells
 * whether this call made the blob known (its row); racing uploads of one content see it once.
 */
export async function finalizeUpload(
  deps: StorageDeps,
  uploadId: string,
): Promise<{ blob: BlobInfo; created: boolean; upload: UploadRecord }> {
  const upload = await deps.uploads.find(uploadId);
  if (!upload) throw new FigurlError('NOT_FOUND', `no upload ${uploadId}: expected the uploadId an initiate returned`);
  if (upload.state === 'finalized') return { blob: await mustFindBlob(deps, upload.sha1), created: false, upload };
  if (upload.state === 'rejected') {
    throw new FigurlError('HASH_MISMATCH', `upload ${uploadId} was rejected: its bytes did not hash to ${upload.sha1}`);
  }
  const { digests, verifiedKey } = await digestsOf(deps, upload);
  const problem =
    digests.sha1 !== upload.sha1
      ? `the bytes hash to sha1 ${digests.sha1}, expected ${upload.sha1}`
      : digests.size !== upload.size
        ? `${digests.size} bytes arrived, expected ${upload.size}`
        : upload.sha256 !== null && digests.sha256 !== upload.sha256
          ? `the bytes hash to sha256 ${digests.sha256}, expected ${upload.sha256}`
          : undefined;
  if (problem !== undefined) {
    await removeQuietly(deps, upload.stagingKey, verifiedKey);
    // A concurrent finalize of this upload that saw the right bytes (the client rewrote the
    // staging object in between) may have won: its answer stands.
    if (
      !(await deps.uploads.finish(upload.id, 'rejected')) &&
      (await deps.uploads.find(upload.id))?.state === 'finalized'
    ) {
      return { blob: await mustFindBlob(deps, upload.sha1), created: false, upload };
    }
    throw new FigurlError('HASH_MISMATCH', `upload ${upload.id} refused: ${problem}; nothing was stored`);
  }
  const contentKey = sha1ObjectKey(upload.sha1);
  await deps.bucket.copyIfAbsent(verifiedKey, contentKey);
  const created = await deps.blobs.insertIfAbsent(
    { sha1: digests.sha1, sha256: digests.sha256, size: digests.size },
    {
      // Initiate pinned the content already; this covers uploads initiated before pins existed.
      pinFor: upload.userId,
      // Under the blob's lock: a collector may have deleted an old row and its bytes (which the
      // copy above then found in place) since; with the lock held, none can start again.
      ensureBytes: async () => {
        if (!(await deps.bucket.head(contentKey))) await deps.bucket.copyIfAbsent(verifiedKey, contentKey);
      },
    },
  );
  await deps.uploads.finish(upload.id, 'finalized');
  await removeQuietly(deps, upload.stagingKey, verifiedKey);
  // Counted once per content, by the upload that made it known.
  if (created) {
    await deps.usage.record(
      { zoneName: upload.zoneName, userId: upload.userId, uploadCount: 1, uploadBytes: digests.size },
      deps.now(),
    );
  }
  return { blob: await mustFindBlob(deps, upload.sha1), created, upload };
}

async function digestsOf(
  deps: StorageDeps,
  upload: UploadRecord,
): Promise<{ digests: { sha1: string; sha256: string; size: number }; verifiedKey: string }> {
  if (upload.received && !deps.bucket.presignPut) return { digests: upload.received, verifiedKey: upload.stagingKey };
  // The client may still hold a URL that writes the staging key: hash a private copy instead,
  // so the bytes verified are the bytes published.
  const noBytes = () =>
    new FigurlError(
      'INVALID_REQUEST',
      `upload ${upload.id} has no bytes yet: expected a PUT to its upload URL before finalize`,
    );
  if (!(await deps.bucket.head(upload.stagingKey))) throw noBytes();
  const privateKey = `verifying/${upload.id}-${randomUUID()}`;
  await deps.bucket.copyIfAbsent(upload.stagingKey, privateKey);
  const object = await deps.bucket.get(privateKey);
  if (!object) throw noBytes();
  const digests = await digestStream(object.body, { createHasher: createNodeHasher });
  return { digests, verifiedKey: privateKey };
}

async function removeQuietly(deps: StorageDeps, ...keys: string[]): Promise<void> {
  // Leftovers are harmless (never under a content key) and the staging collector removes them.
  await Promise.all([...new Set(keys)].map((key) => deps.bucket.delete(key).catch(() => {})));
}

async function mustFindBlob(deps: StorageDeps, sha1: string): Promise<BlobInfo> {
  const blob = await deps.blobs.find(sha1);
  if (!blob) throw new FigurlError('INTERNAL', `blob ${sha1} vanished after finalize`);
  return blob;
}
