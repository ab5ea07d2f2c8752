import { sha1ObjectKey } from '@figurl/sdk';
import type { Bucket } from '../bucket/bucket.js';
import type { BlobRepository } from '../repositories/blob-repository.js';
import type { GarbageRepository } from '../repositories/garbage-repository.js';

/** What the collector needs; `server.ts` and `figurl zone gc` build it. */
export interface GarbageCollectorDeps {
  garbage: GarbageRepository;
  bucket: Bucket;
  /** Its cache forgets the blobs collected here (other replicas' caches expire on their own). */
  blobs: Pick<BlobRepository, 'forget'>;
  now: () => Date;
}

/** One blob collected (or, in a dry run, found collectable). */
export interface CollectedBlobEvent {
  sha1: string;
  size: number;
  createdAt: string;
  /** When the row went (database clock); absent in a dry run. */
  deletedAt?: string;
}

export interface CollectGarbageOptions {
  /** Blobs younger than this are never collected (the zone's default is 24 h). */
  graceMs: number;
  /** Only report what would be collected now; change nothing. */
  dryRun?: boolean;
  /** Rows decided per transaction (default 100). */
  batchSize?: number;
  /** Told about every blob collected, as it goes (the CLI prints these). */
  onBlob?: (event: CollectedBlobEvent) => void;
  /** Runs while a batch's rows are locked, before they are decided (tests interleave with it). */
  onLocked?: (sha1s: string[]) => Promise<void>;
  /** Runs after a batch's rows are deleted and committed, before their bytes go (tests). */
  onRowsDeleted?: (sha1s: string[]) => Promise<void>;
}

export interface GarbageReport {
  /** Blobs deleted (rows and, unless listed in `bytesLeft`, bytes); found collectable in a dry run. */
  collected: number;
  bytes: number;
  /** Collectable at the scan but kept when decided again (pinned, referenced or busy meanwhile). */
  kept: number;
  /** Rows deleted whose bytes could not be (left in the bucket, never served: no row). */
  bytesLeft: string[];
  /** Expired pins removed. */
  expiredPins: number;
  dryRun: boolean;
}

/**
 * Deletes the blobs nothing keeps (see `blobIsLive`: not younger than the grace period, no
 * unexpired pin, no live figure, feed, mutable or curation referring to it). Per batch:
 * 1. a lock-free scan proposes candidates;
 * 2. one transaction locks them (skipping any a writer holds), decides again and deletes the
 *    rows that are still collectable; downloads answer NOT_FOUND from then on;
 * 3. another, holding each blob's advisory lock, deletes the bytes of rows still absent (a
 *    finalize may have published the content again meanwhile).
 * A crash between 2 and 3 leaves bytes without a row: never served, and reused as they are by
 * the next upload of that content.
 *
 * @example
 * const report = await collectGarbage(deps, { graceMs: 24 * 3600_000 });
 */
export async function collectGarbage(
  deps: GarbageCollectorDeps,
  options: CollectGarbageOptions,
): Promise<GarbageReport> {
  const batchSize = options.batchSize ?? 100;
  const dryRun = options.dryRun ?? false;
  const report: GarbageReport = { collected: 0, bytes: 0, kept: 0, bytesLeft: [], expiredPins: 0, dryRun };
  let after = '';
  for (;;) {
    const clock = { now: deps.now(), graceMs: options.graceMs };
    const candidates = await deps.garbage.listCollectable(clock, after, batchSize);
    if (candidates.length === 0) break;
    after = (candidates.at(-1) as { sha1: string }).sha1;
    if (dryRun) {
      for (const blob of candidates) {
        options.onBlob?.({ sha1: blob.sha1, size: blob.size, createdAt: blob.createdAt.toISOString() });
        report.collected++;
        report.bytes += blob.size;
      }
    } else {
      const deleted = await deps.garbage.deleteRows(
        candidates.map((blob) => blob.sha1),
        clock,
        options.onLocked,
      );
      const sha1s = deleted.map((blob) => blob.sha1);
      for (const sha1 of sha1s) deps.blobs.forget(sha1);
      report.kept += candidates.length - deleted.length;
      await options.onRowsDeleted?.(sha1s);
      const bytes = await deps.garbage.deleteBytesOfAbsent(sha1s, (sha1) => deps.bucket.delete(sha1ObjectKey(sha1)));
      report.bytesLeft.push(...bytes.failed.map((failure) => failure.sha1));
      for (const blob of deleted) {
        options.onBlob?.({
          sha1: blob.sha1,
          size: blob.size,
          createdAt: blob.createdAt.toISOString(),
          deletedAt: blob.deletedAt.toISOString(),
        });
        report.collected++;
        report.bytes += blob.size;
      }
    }
    if (candidates.length < batchSize) break;
  }
  if (!dryRun) report.expiredPins = await deps.garbage.deleteExpiredPins(deps.now());
  return report;
}
