import type { Prisma, PrismaClient } from '@figurl/prisma';

export interface UploadRecord {
  id: string;
  zoneName: string;
  sha1: string;
  size: number;
  sha256: string | null;
  stagingKey: string;
  state: 'pending' | 'finalized' | 'rejected';
  userId: string;
  clientId: string | null;
  received: { sha1: string; sha256: string; size: number } | null;
  expiresAt: Date;
}

export interface NewUpload {
  id: string;
  zoneName: string;
  sha1: string;
  size: number;
  sha256: string | undefined;
  stagingKey: string;
  userId: string;
  clientId: string | undefined;
  expiresAt: Date;
}

export interface UploadRepository {
  create(upload: NewUpload): Promise<void>;
  find(id: string): Promise<UploadRecord | null>;
  findByStagingKey(stagingKey: string): Promise<UploadRecord | null>;
  /** Claims the single zone-proxied PUT of a pending upload; false when another PUT has it. */
  claimReceive(id: string): Promise<boolean>;
  releaseReceive(id: string): Promise<void>;
  recordReceived(id: string, digests: { sha1: string; sha256: string; size: number }): Promise<void>;
  /** Moves a pending upload to `state`; false when it was no longer pending (someone else won). */
  finish(id: string, state: 'finalized' | 'rejected'): Promise<boolean>;
  /** Pending uploads whose target expired before `before`, oldest first. */
  listExpired(before: Date, limit: number): Promise<Array<{ id: string; stagingKey: string }>>;
  delete(id: string): Promise<void>;
}

// received_size = -1 marks a PUT in progress: the claim and the digests live in one row, so a
// recorded digest always describes the bytes of the one PUT that wrote the staging object.
const receiving = -1n;

const select = {
  id: true,
  zoneName: true,
  sha1: true,
  size: true,
  sha256: true,
  stagingKey: true,
  state: true,
  userId: true,
  clientId: true,
  receivedSha1: true,
  receivedSha256: true,
  receivedSize: true,
  expiresAt: true,
} as const;

export function createUploadRepository(prisma: PrismaClient): UploadRepository {
  const toRecord = (row: Prisma.UploadGetPayload<{ select: typeof select }>): UploadRecord => ({
    id: row.id,
    zoneName: row.zoneName,
    sha1: row.sha1,
    size: Number(row.size),
    sha256: row.sha256,
    stagingKey: row.stagingKey,
    state: row.state,
    userId: row.userId,
    clientId: row.clientId,
    received:
      row.receivedSha1 && row.receivedSha256 && row.receivedSize !== null && row.receivedSize >= 0n
        ? { sha1: row.receivedSha1, sha256: row.receivedSha256, size: Number(row.receivedSize) }
        : null,
    expiresAt: row.expiresAt,
  });

  return {
    async create(upload) {
      await prisma.upload.create({
        data: {
          ...upload,
          size: BigInt(upload.size),
          sha256: upload.sha256 ?? null,
          clientId: upload.clientId ?? null,
        },
        select: { id: true },
      });
    },
    async find(id) {
      const row = await prisma.upload.findUnique({ where: { id }, select });
      return row && toRecord(row);
    },
    async findByStagingKey(stagingKey) {
      const row = await prisma.upload.findUnique({ where: { stagingKey }, select });
      return row && toRecord(row);
    },
    async claimReceive(id) {
      const { count } = await prisma.upload.updateMany({
        where: { id, state: 'pending', receivedSize: null },
        data: { receivedSize: receiving },
      });
      return count === 1;
    },
    async releaseReceive(id) {
      await prisma.upload.updateMany({ where: { id, receivedSize: receiving }, data: { receivedSize: null } });
    },
    async recordReceived(id, { sha1, sha256, size }) {
      await prisma.upload.update({
        where: { id },
        data: { receivedSha1: sha1, receivedSha256: sha256, receivedSize: BigInt(size) },
        select: { id: true },
      });
    },
    async finish(id, state) {
      const { count } = await prisma.upload.updateMany({
        where: { id, state: 'pending' },
        data: { state, finishedAt: new Date() },
      });
      return count === 1;
    },
    async listExpired(before, limit) {
      return prisma.upload.findMany({
        where: { state: 'pending', expiresAt: { lt: before } },
        select: { id: true, stagingKey: true },
        orderBy: { expiresAt: 'asc' },
        take: limit,
      });
    },
    async delete(id) {
      await prisma.upload.deleteMany({ where: { id } });
    },
  };
}
