import type { PrismaClient } from '@figurl/prisma';
import type { BlobInfo } from '@figurl/sdk';
import { LRUCache } from 'lru-cache';

export interface BlobRepository {
  find(sha1: string): Promise<BlobInfo | null>;
  /**
   * Inserts the row unless it exists; true when this call created it. No conflict target: racing
   * inserts of one content collide on the sha256 index as often as on the primary key.
   */
  insertIfAbsent(blob: { sha1: string; sha256: string; size: number }): Promise<boolean>;
}

/**
 * Every Prisma call about blobs, with explicit selects. A blob row never changes once written,
 * so found rows are remembered (bounded LRU): repeated lookups of popular data skip the database.
 */
export function createBlobRepository(prisma: PrismaClient, options: { cacheSize?: number } = {}): BlobRepository {
  const known = new LRUCache<string, BlobInfo>({ max: options.cacheSize ?? 10_000 });
  return {
    async find(sha1) {
      const cached = known.get(sha1);
      if (cached) return cached;
      const row = await prisma.blob.findUnique({
        where: { sha1 },
        select: { sha1: true, sha256: true, size: true, createdAt: true },
      });
      if (!row) return null;
      const blob = {
        sha1: row.sha1,
        sha256: row.sha256,
        size: Number(row.size),
        createdAt: row.createdAt.toISOString(),
      };
      known.set(sha1, blob);
      return blob;
    },
    async insertIfAbsent({ sha1, sha256, size }) {
      const inserted = await prisma.$executeRaw`
        INSERT INTO blobs (sha1, sha256, size) VALUES (${sha1}, ${sha256}, ${BigInt(size)})
        ON CONFLICT DO NOTHING`;
      return inserted === 1;
    },
  };
}
