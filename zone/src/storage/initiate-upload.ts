import { randomUUID } from 'node:crypto';
import { type BlobInfo, FigurlError } from '@figurl/sdk';
import { type StorageDeps, stagingKeyFor } from './storage-deps.js';

export interface InitiateUploadInput {
  zoneName: string;
  sha1: string;
  size: number;
  sha256?: string | undefined;
  userId: string;
  clientId?: string | undefined;
  /** Scratch data: the uploader's pin lapses after this long; absent, it lasts until unpinned. */
  expiresInSeconds?: number | undefined;
}

export type InitiateUploadResult =
  | { status: 'exists'; blob: BlobInfo }
  | { status: 'upload'; uploadId: string; stagingKey: string; expiresAt: Date; presignedUrl: string | undefined };

/**
 * Answers "already exists" for known content, otherwise issues an upload target: a fresh
 * staging key (never the content key), valid for `uploadTtlMs`. Concurrent uploads of the same
 * content each get their own target; all of them can succeed. Either way the content is pinned
 * for the uploader first (until `expiresInSeconds` for scratch data), in the transaction that
 * looks it up: "exists" then means stored and kept, whatever a collector does next.
 */
export async function initiateUpload(deps: StorageDeps, input: InitiateUploadInput): Promise<InitiateUploadResult> {
  if (input.size > deps.maxUploadSize) {
    throw new FigurlError(
      'PAYLOAD_TOO_LARGE',
      `cannot store ${input.size} bytes: expected at most ${deps.maxUploadSize} bytes in this zone`,
    );
  }
  const expiresAt =
    input.expiresInSeconds === undefined ? null : new Date(deps.now().getTime() + input.expiresInSeconds * 1000);
  const existing = await deps.blobs.findAndPin(input.sha1, input.size, { userId: input.userId, expiresAt });
  if (existing) {
    if (existing.size !== input.size) {
      throw new FigurlError(
        'HASH_MISMATCH',
        `sha1 ${input.sha1} is stored with ${existing.size} bytes, but the upload announces ${input.size}: expected the same size for the same content`,
      );
    }
    return { status: 'exists', blob: existing };
  }
  const uploadId = randomUUID();
  const stagingKey = stagingKeyFor(uploadId);
  const targetExpiresAt = new Date(deps.now().getTime() + deps.uploadTtlMs);
  await deps.uploads.create({
    id: uploadId,
    zoneName: input.zoneName,
    sha1: input.sha1,
    size: input.size,
    sha256: input.sha256,
    stagingKey,
    userId: input.userId,
    clientId: input.clientId,
    expiresAt: targetExpiresAt,
  });
  const presignedUrl = await deps.bucket.presignPut?.(stagingKey, {
    size: input.size,
    expiresInSeconds: Math.ceil(deps.uploadTtlMs / 1000),
  });
  return { status: 'upload', uploadId, stagingKey, expiresAt: targetExpiresAt, presignedUrl };
}
