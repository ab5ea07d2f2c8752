import { FigurlError } from '@figurl/sdk';
import type { UploadRecord } from '../repositories/upload-repository.js';
import type { StorageDeps } from './storage-deps.js';

/** The upload `id` while it can still receive bytes; a clear error otherwise. */
export async function findLiveUpload(deps: StorageDeps, id: string): Promise<UploadRecord> {
  const upload = await deps.uploads.find(id);
  if (!upload) throw new FigurlError('NOT_FOUND', `no upload ${id}: expected the uploadId an initiate returned`);
  if (upload.state !== 'pending') {
    throw new FigurlError('CONFLICT', `upload ${id} is already ${upload.state}: expected a pending upload`);
  }
  if (upload.expiresAt.getTime() <= deps.now().getTime()) {
    throw new FigurlError(
      'NOT_FOUND',
      `upload ${id} expired at ${upload.expiresAt.toISOString()}: expected an upload initiated less than ${Math.round(deps.uploadTtlMs / 1000)} s ago; initiate again`,
    );
  }
  return upload;
}
