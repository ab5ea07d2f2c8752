import { Prisma, type PrismaClient } from '@figurl/prisma';
import { blobIsLive, type LivenessClock } from '../lifecycle/blob-liveness-sql.js';
import { lockBlobs, tryLockBlobs } from '../lifecycle/blob-lock.js';

/** A blob the collector found collectable (and, unless a dry run, deleted). */
export interface CollectableBlob {
  sha1: string;
  size: number;
  createdAt: Date;
}

export interface GarbageRepository {
  /**
   * Up to `limit` blobs after `after` (sha1 order) that are collectable as of now. Read
   * without locks: a hint for deleteRows, which decides again.
   */
  listCollectable(clock: LivenessClock, after: string, limit: number): Promise<CollectableBlob[]>;
  /**
   * Deletes the rows of those of `sha1s` that are still collectable, in one transaction that
   * first locks them: `FOR UPDATE SKIP LOCKED` (a row a writer holds key-share locked, to pin or
   * refer to it, is left for the next round) and the blob's advisory lock (a finalize in
   * progress: likewise). Liveness is decided again in a statement that starts after the locks
   * are held, so it sees every pin and reference committed before. `onLocked` runs while the
   * locks are held (tests use it to interleave).
   */
  deleteRows(
    sha1s: readonly string[],
    clock: LivenessClock,
    onLocked?: (locked: string[]) => Promise<void>,
  ): Promise<Array<CollectableBlob & { deletedAt: Date }>>;
  /**
   * For each of `sha1s` whose row is absent while its advisory lock is held, runs
   * `deleteBytes` — so bytes a finalize has published again (row re-inserted) stay.
   * Returns the sha1s whose bytes were deleted and those whose deletion failed.
   */
  deleteBytesOfAbsent(
    sha1s: readonly string[],
    deleteBytes: (sha1: string) => Promise<void>,
  ): Promise<{ deleted: string[]; failed: Array<{ sha1: string; error: unknown }> }>;
  /** Removes pins that expired before `before`; they keep nothing. */
  deleteExpiredPins(before: Date): Promise<number>;
}

interface Row {
  sha1: string;
  size: bigint;
  createdAt: Date;
}

const bucketDeletesAtOnce = 8;

const toBlob = (row: Row): CollectableBlob => ({ sha1: row.sha1, size: Number(row.size), createdAt: row.createdAt });

export function createGarbageRepository(prisma: PrismaClient): GarbageRepository {
  const old = (clock: LivenessClock) =>
    Prisma.sql`created_at < now() - ${clock.graceMs}::double precision * interval '1 millisecond'`;
  return {
    async listCollectable(clock, after, limit) {
      const rows = await prisma.$queryRaw<Row[]>`
        SELECT b.sha1, b.size, b.created_at AS "createdAt" FROM blobs b
        WHERE b.sha1 > ${after} AND ${old(clock)} AND NOT ${blobIsLive(clock)}
        ORDER BY b.sha1
        LIMIT ${limit}`;
      return rows.map(toBlob);
    },

    async deleteRows(sha1s, clock, onLocked) {
      if (sha1s.length === 0) return [];
      return prisma.$transaction(
        async (tx) => {
          const rows = await tx.$queryRaw<Array<{ sha1: string }>>`
            SELECT sha1 FROM blobs WHERE sha1 = ANY(${[...sha1s]}::bpchar[]) AND ${old(clock)}
            ORDER BY sha1 FOR UPDATE SKIP LOCKED`;
          const locked = await tryLockBlobs(
            tx,
            rows.map((row) => row.sha1),
          );
          if (locked.length === 0) return [];
          await onLocked?.(locked);
          const deleted = await tx.$queryRaw<Array<Row & { deletedAt: Date }>>`
            DELETE FROM blobs b WHERE b.sha1 = ANY(${locked}::bpchar[]) AND NOT ${blobIsLive(clock)}
            RETURNING b.sha1, b.size, b.created_at AS "createdAt", now() AS "deletedAt"`;
          return deleted.map((row) => ({ ...toBlob(row), deletedAt: row.deletedAt }));
        },
        { maxWait: 10_000, timeout: 60_000 },
      );
    },

    async deleteBytesOfAbsent(sha1s, deleteBytes) {
      if (sha1s.length === 0) return { deleted: [], failed: [] };
      return prisma.$transaction(
        async (tx) => {
          await lockBlobs(tx, sha1s);
          const present = await tx.$queryRaw<Array<{ sha1: string }>>`
            SELECT sha1 FROM blobs WHERE sha1 = ANY(${[...sha1s]}::bpchar[])`;
          const keep = new Set(present.map((row) => row.sha1));
          const absent = sha1s.filter((sha1) => !keep.has(sha1));
          const deleted: string[] = [];
          const failed: Array<{ sha1: string; error: unknown }> = [];
          // A few at a time: an S3 DELETE is a round trip each.
          for (let start = 0; start < absent.length; start += bucketDeletesAtOnce) {
            await Promise.all(
              absent.slice(start, start + bucketDeletesAtOnce).map(async (sha1) => {
                try {
                  await deleteBytes(sha1);
                  deleted.push(sha1);
                } catch (error) {
                  failed.push({ sha1, error });
                }
              }),
            );
          }
          return { deleted, failed };
        },
        { maxWait: 10_000, timeout: 120_000 },
      );
    },

    async deleteExpiredPins(before) {
      const { count } = await prisma.pin.deleteMany({ where: { expiresAt: { lt: before } } });
      return count;
    },
  };
}
