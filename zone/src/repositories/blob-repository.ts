import type { PrismaClient } from '@figurl/prisma';
import type { BlobInfo } from '@figurl/sdk';
import { LRUCache } from 'lru-cache';
import { lockBlob } from '../lifecycle/blob-lock.js';
import { upsertPin } from './pin-repository.js';

/** Whose pin an upload makes, and until when (null: until unpinned). */
export interface UploadPin {
  userId: string;
  expiresAt: Date | null;
}

export interface BlobRepository {
  find(sha1: string): Promise<BlobInfo | null>;
  /**
   * The blob, read with its row key-share locked in the transaction that records the uploader's
   * `pin` (merged: the longer expiry wins), so an "already exists" answer can never be followed
   * by the collector deleting the blob. Null when it is not stored: the pin is recorded all the
   * same and keeps the content once an upload finalizes it. A stored blob of another size gets
   * no pin (the caller refuses the upload).
   */
  findAndPin(sha1: string, size: number, pin: UploadPin): Promise<BlobInfo | null>;
  /**
   * Inserts the row unless it exists; true when this call created it. Runs under the blob's
   * advisory lock, which the collector takes too: `ensureBytes` first puts the bytes back if a
   * collector removed them since the caller published them, and the uploader keeps a pin (an
   * existing one is left as it is). No conflict target: racing inserts of one content collide
   * on the sha256 index as often as on the primary key.
   */
  insertIfAbsent(
    blob: { sha1: string; sha256: string; size: number },
    options: { pinFor: string; ensureBytes: () => Promise<void> },
  ): Promise<boolean>;
  /** Drops a remembered row (the collector deleted it). */
  forget(sha1: string): void;
}

/**
 * Every Prisma call about blobs, with explicit selects. Found rows are remembered (bounded LRU)
 * so repeated lookups of popular data skip the database; for `cacheTtlMs` only, since the
 * collector may delete a row on another replica (answers that promise a blob stays, such as
 * an upload's "exists", never come from the cache: see findAndPin).
 */
export function createBlobRepository(
  prisma: PrismaClient,
  options: { cacheSize?: number; cacheTtlMs?: number } = {},
): BlobRepository {
  const known = new LRUCache<string, BlobInfo>({ max: options.cacheSize ?? 10_000, ttl: options.cacheTtlMs ?? 60_000 });
  const toBlob = (row: { sha1: string; sha256: string; size: bigint; createdAt: Date }): BlobInfo => ({
    sha1: row.sha1,
    sha256: row.sha256,
    size: Number(row.size),
    createdAt: row.createdAt.toISOString(),
  });
  return {
    async find(sha1) {
      const cached = known.get(sha1);
      if (cached) return cached;
      const row = await prisma.blob.findUnique({
        where: { sha1 },
        select: { sha1: true, sha256: true, size: true, createdAt: true },
      });
      if (!row) return null;
      const blob = toBlob(row);
      known.set(sha1, blob);
      return blob;
    },
    async findAndPin(sha1, size, pin) {
      const blob = await prisma.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<Array<{ sha1: string; sha256: string; size: bigint; createdAt: Date }>>`
          SELECT sha1, sha256, size, created_at AS "createdAt" FROM blobs WHERE sha1 = ${sha1} FOR KEY SHARE`;
        const row = rows[0];
        if (row === undefined || Number(row.size) === size) await upsertPin(tx, { sha1, ...pin }, 'extend');
        return row === undefined ? null : toBlob(row);
      });
      if (blob) known.set(sha1, blob);
      else known.delete(sha1);
      return blob;
    },
    async insertIfAbsent({ sha1, sha256, size }, { pinFor, ensureBytes }) {
      return prisma.$transaction(
        async (tx) => {
          await lockBlob(tx, sha1);
          await ensureBytes();
          const inserted = await tx.$executeRaw`
            INSERT INTO blobs (sha1, sha256, size) VALUES (${sha1}, ${sha256}, ${BigInt(size)})
            ON CONFLICT DO NOTHING`;
          await upsertPin(tx, { sha1, userId: pinFor, expiresAt: null }, 'keep');
          return inserted === 1;
        },
        // ensureBytes copies within the bucket in the rare case the bytes went meanwhile.
        { maxWait: 10_000, timeout: 120_000 },
      );
    },
    forget(sha1) {
      known.delete(sha1);
    },
  };
}
