import type { PrismaClient } from '@figurl/prisma';

export interface SeenRequestRepository {
  /** Records a request fingerprint; false when it was already recorded (a replay). */
  recordOnce(signatureHash: string, expiresAt: Date): Promise<boolean>;
  /** Forgets fingerprints whose requests could no longer pass the timestamp check. */
  deleteExpired(now: Date): Promise<number>;
}

export function createSeenRequestRepository(prisma: PrismaClient): SeenRequestRepository {
  return {
    async recordOnce(signatureHash, expiresAt) {
      const inserted = await prisma.$executeRaw`
        INSERT INTO seen_requests (signature_hash, expires_at) VALUES (${signatureHash}, ${expiresAt})
        ON CONFLICT (signature_hash) DO NOTHING`;
      return inserted === 1;
    },
    async deleteExpired(now) {
      const { count } = await prisma.seenRequest.deleteMany({ where: { expiresAt: { lt: now } } });
      return count;
    },
  };
}
