import { Prisma, type PrismaClient } from '@figurl/prisma';
import type { Pin } from '@figurl/sdk';

/** How a new pin meets an existing one of the same user. */
export type PinMerge =
  /** Keep the longer of the two (no expiry beats any): what an upload asks for. */
  | 'extend'
  /** The new expiry replaces the old one: what `POST /api/v1/pins` asks for. */
  | 'replace'
  /** Leave an existing pin as it is. */
  | 'keep';

export interface PinRepository {
  /**
   * Pins a stored blob for `userId`, in the transaction that key-share locks its row: the
   * collector cannot be deleting the blob meanwhile, and keeps it from then on. Null (and no
   * pin) when the blob is not stored.
   */
  pinStored(pin: { sha1: string; userId: string; expiresAt: Date | null }): Promise<Pin | null>;
  /** Removes the pin; false when there was none. */
  unpin(sha1: string, userId: string): Promise<boolean>;
  /** The user's pins in sha1 order, after `after`. */
  list(userId: string, options: { after?: string | undefined; limit: number }): Promise<Pin[]>;
}

/** Inserts one pin inside `tx`, merged with the user's existing pin of the blob as `merge` says. */
export async function upsertPin(
  tx: Prisma.TransactionClient,
  pin: { sha1: string; userId: string; expiresAt: Date | null },
  merge: PinMerge,
): Promise<void> {
  const onConflict =
    merge === 'keep'
      ? Prisma.sql`DO NOTHING`
      : merge === 'replace'
        ? Prisma.sql`DO UPDATE SET expires_at = EXCLUDED.expires_at`
        : Prisma.sql`DO UPDATE SET expires_at = CASE
            WHEN pins.expires_at IS NULL OR EXCLUDED.expires_at IS NULL THEN NULL
            ELSE GREATEST(pins.expires_at, EXCLUDED.expires_at) END`;
  await tx.$executeRaw`
    INSERT INTO pins (sha1, user_id, expires_at) VALUES (${pin.sha1}, ${pin.userId}, ${pin.expiresAt}::timestamptz)
    ON CONFLICT (sha1, user_id) ${onConflict}`;
}

interface PinRow {
  sha1: string;
  userId: string;
  expiresAt: Date | null;
  createdAt: Date;
  stored: boolean;
}

const toPin = (row: PinRow): Pin => ({
  sha1: row.sha1,
  user: row.userId,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  stored: row.stored,
});

export function createPinRepository(prisma: PrismaClient): PinRepository {
  return {
    async pinStored(pin) {
      return prisma.$transaction(async (tx) => {
        const stored = await tx.$queryRaw<Array<{ sha1: string }>>`
          SELECT sha1 FROM blobs WHERE sha1 = ${pin.sha1} FOR KEY SHARE`;
        if (stored.length === 0) return null;
        await upsertPin(tx, pin, 'replace');
        const rows = await tx.$queryRaw<PinRow[]>`
          SELECT sha1, user_id AS "userId", expires_at AS "expiresAt", created_at AS "createdAt", true AS stored
          FROM pins WHERE sha1 = ${pin.sha1} AND user_id = ${pin.userId}`;
        return toPin(rows[0] as PinRow);
      });
    },

    async unpin(sha1, userId) {
      const { count } = await prisma.pin.deleteMany({ where: { sha1, userId } });
      return count > 0;
    },

    async list(userId, { after, limit }) {
      const rows = await prisma.$queryRaw<PinRow[]>`
        SELECT p.sha1, p.user_id AS "userId", p.expires_at AS "expiresAt", p.created_at AS "createdAt",
          EXISTS (SELECT 1 FROM blobs b WHERE b.sha1 = p.sha1) AS stored
        FROM pins p
        WHERE p.user_id = ${userId} AND p.sha1 > ${after ?? ''}
        ORDER BY p.sha1
        LIMIT ${limit}`;
      return rows.map(toPin);
    },
  };
}
