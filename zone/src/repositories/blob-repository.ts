import type { PrismaClient } from '@figurl/prisma';
import type { BlobInfo } from '@figurl/sdk';

export interface BlobRepository {
  find(sha1: string): Promise<BlobInfo | null>;
  /**
   * Inserts the row unless it exists; true when this call created it. No conflict target: racing
   * inserts of one content collide on the sha256 index as often as on the primary key.
   */
  insertIfAbsent(blob: { sha1: string; sha256: string; size: number }): Promise<boolean>;
}

/** Every Prisma call about blobs, with explicit selects. */
export function createBlobRepository(prisma: PrismaClient): BlobRepository {
  return {
    async find(sha1) {
      const row = await prisma.blob.findUnique({
        where: { sha1 },
        select: { sha1: true, sha256: true, size: true, createdAt: true },
      });
      return (
        row && { sha1: row.sha1, sha256: row.sha256, size: Number(row.size), createdAt: row.createdAt.toISOString() }
      );
    },
    async insertIfAbsent({ sha1, sha256, size }) {
      const inserted = await prisma.$executeRaw`
        INSERT INTO blobs (sha1, sha256, size) VALUES (${sha1}, ${sha256}, ${BigInt(size)})
        ON CONFLICT DO NOTHING`;
      return inserted === 1;
    },
  };
}
