import type { Bucket } from '../bucket/bucket.js';
import type { BlobRepository } from '../repositories/blob-repository.js';
import type { UploadRepository } from '../repositories/upload-repository.js';
import type { UsageRepository } from '../repositories/usage-repository.js';

/** What the storage operations need; built once in `app.ts`, faked nowhere (tests use real ones). */
export interface StorageDeps {
  bucket: Bucket;
  blobs: BlobRepository;
  uploads: UploadRepository;
  /** Where finalize counts the bytes a user brought in. */
  usage: UsageRepository;
  /** Largest blob accepted, in bytes (kachery: 5×10⁹). */
  maxUploadSize: number;
  /** How long an upload target stays valid (kachery's presigned PUT: 1800 s). */
  uploadTtlMs: number;
  now: () => Date;
}

/** Staging keys are per upload and never a content key: `staging/<upload id>`. */
export function stagingKeyFor(uploadId: string): string {
  return `staging/${uploadId}`;
}
