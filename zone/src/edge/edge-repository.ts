import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@figurl/prisma';
import type { EdgeFile, EdgeRequestState } from '@figurl/sdk';

/** The PostgreSQL channel of edge resources; see edge-hub.ts for the payloads. */
export const edgeChannel = 'figurl_edge';

/** Advisory lock class 'edge' (0x65646765) with the sha1's first 32 bits: one requester at a time per hash. */
const edgeLockClass = 0x65646765;

export interface EdgeResourceRow {
  id: string;
  zoneName: string;
  ownerId: string;
  name: string;
  sessionId: string | null;
  lastSeenAt: Date | null;
  disconnectedAt: Date | null;
}

export interface EdgeRequestRow {
  id: string;
  zoneName: string;
  sha1: string;
  size: number;
  state: EdgeRequestState;
  bytes: number;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  resource: EdgeResourceRow;
}

/** A resource holding a hash, with the size it announced. */
export interface EdgeHolder extends EdgeResourceRow {
  size: number;
}

export type EdgeRequestUpdate =
  | { state: 'uploading' }
  | { bytes: number }
  | { state: 'completed' }
  | { state: 'failed'; error: string };

export interface EdgeRepository {
  /** Creates or takes over the resource for a new connection; the row as it is now. */
  connect(input: {
    zoneName: string;
    ownerId: string;
    name: string;
    sessionId: string;
    replicaId: string;
    now: Date;
  }): Promise<EdgeResourceRow>;
  touch(resourceId: string, sessionId: string, now: Date): Promise<void>;
  /** Ends `sessionId`, unless a newer connection already replaced it. */
  disconnect(resourceId: string, sessionId: string, now: Date): Promise<void>;
  /** Records files (batch upsert); `last` drops what earlier connections announced and this one did not. */
  announce(resourceId: string, sessionId: string, files: readonly EdgeFile[], last: boolean): Promise<void>;
  withdraw(resourceId: string, sha1s: readonly string[]): Promise<void>;
  /** The resources of a zone that announced `sha1`, most recently seen first. */
  findHolders(zoneName: string, sha1: string): Promise<EdgeHolder[]>;
  /**
   * The active request for `sha1` in the zone, or a new one addressed to `pick(holders)`; a new
   * one is NOTIFYed on `edgeChannel` in its transaction. Requesters of one hash are serialised
   * by an advisory lock, so replicas never create two.
   */
  openRequest(input: {
    zoneName: string;
    sha1: string;
    requestedBy: string;
    pick: (holders: EdgeHolder[]) => EdgeHolder;
  }): Promise<{ request: EdgeRequestRow; created: boolean }>;
  findRequest(id: string): Promise<EdgeRequestRow | null>;
  /** Requests of a resource still waiting for it (requested or uploading). */
  activeRequests(resourceId: string): Promise<EdgeRequestRow[]>;
  /**
   * Applies `update` to an active request (of `resourceId` when given) and NOTIFYs it; false when
   * the request is finished already or not that resource's.
   */
  updateRequest(id: string, update: EdgeRequestUpdate, options: { resourceId?: string; now: Date }): Promise<boolean>;
  /** Issues a NOTIFY on `edgeChannel` (outside any transaction). */
  notify(payload: string): Promise<void>;
}

const resourceSelect = {
  id: true,
  zoneName: true,
  ownerId: true,
  name: true,
  sessionId: true,
  lastSeenAt: true,
  disconnectedAt: true,
} as const;

const requestSelect = {
  id: true,
  zoneName: true,
  sha1: true,
  size: true,
  state: true,
  bytes: true,
  error: true,
  createdAt: true,
  updatedAt: true,
  resource: { select: resourceSelect },
} as const;

type RequestRecord = Omit<EdgeRequestRow, 'size' | 'bytes'> & { size: bigint; bytes: bigint };

const toRequest = (row: RequestRecord): EdgeRequestRow => ({
  ...row,
  size: Number(row.size),
  bytes: Number(row.bytes),
});

/** Every Prisma call about edge resources and their requests, with explicit selects. */
export function createEdgeRepository(prisma: PrismaClient): EdgeRepository {
  return {
    async connect({ zoneName, ownerId, name, sessionId, replicaId, now }) {
      const live = { sessionId, replicaId, connectedAt: now, lastSeenAt: now, disconnectedAt: null };
      return prisma.edgeResource.upsert({
        where: { zoneName_ownerId_name: { zoneName, ownerId, name } },
        create: { id: randomUUID(), zoneName, ownerId, name, ...live },
        update: live,
        select: resourceSelect,
      });
    },

    async touch(resourceId, sessionId, now) {
      await prisma.edgeResource.updateMany({ where: { id: resourceId, sessionId }, data: { lastSeenAt: now } });
    },

    async disconnect(resourceId, sessionId, now) {
      await prisma.edgeResource.updateMany({
        where: { id: resourceId, sessionId },
        data: { sessionId: null, replicaId: null, disconnectedAt: now },
      });
    },

    async announce(resourceId, sessionId, files, last) {
      if (files.length > 0) {
        await prisma.$executeRaw`
          INSERT INTO "edge_resource_files" ("resource_id", "sha1", "size", "session_id")
          SELECT ${resourceId}::uuid, f.sha1, f.size, ${sessionId}::uuid
          FROM unnest(${files.map((f) => f.sha1)}::text[], ${files.map((f) => BigInt(f.size))}::bigint[]) AS f(sha1, size)
          ON CONFLICT ("resource_id", "sha1") DO UPDATE
          SET "size" = EXCLUDED."size", "session_id" = EXCLUDED."session_id", "announced_at" = CURRENT_TIMESTAMP`;
      }
      if (last) {
        await prisma.edgeResourceFile.deleteMany({ where: { resourceId, sessionId: { not: sessionId } } });
      }
    },

    async withdraw(resourceId, sha1s) {
      await prisma.edgeResourceFile.deleteMany({ where: { resourceId, sha1: { in: [...sha1s] } } });
    },

    async findHolders(zoneName, sha1) {
      const rows = await prisma.edgeResourceFile.findMany({
        where: { sha1, resource: { zoneName } },
        select: { size: true, resource: { select: resourceSelect } },
        orderBy: { resource: { lastSeenAt: 'desc' } },
        take: 20,
      });
      return rows.map((row) => ({ ...row.resource, size: Number(row.size) }));
    },

    async openRequest({ zoneName, sha1, requestedBy, pick }) {
      return prisma.$transaction(async (tx) => {
        await tx.$executeRaw`
          SELECT pg_advisory_xact_lock(${edgeLockClass}::int4, ('x' || substr(${sha1}::text, 1, 8))::bit(32)::int4)`;
        const active = await tx.edgeRequest.findFirst({
          where: { zoneName, sha1, state: { in: ['requested', 'uploading'] } },
          select: requestSelect,
          orderBy: { createdAt: 'desc' },
        });
        if (active) return { request: toRequest(active), created: false };
        const holders = await tx.edgeResourceFile.findMany({
          where: { sha1, resource: { zoneName } },
          select: { size: true, resource: { select: resourceSelect } },
        });
        const holder = pick(holders.map((row) => ({ ...row.resource, size: Number(row.size) })));
        const row = await tx.edgeRequest.create({
          data: {
            id: randomUUID(),
            zoneName,
            sha1,
            size: BigInt(holder.size),
            resourceId: holder.id,
            requestedBy,
          },
          select: requestSelect,
        });
        // Delivered when the transaction commits, to the replica holding the resource's socket.
        await tx.$executeRaw`SELECT pg_notify(${edgeChannel}, ${`u:${holder.id}:${row.id}`})`;
        return { request: toRequest(row), created: true };
      });
    },

    async findRequest(id) {
      const row = await prisma.edgeRequest.findUnique({ where: { id }, select: requestSelect });
      return row ? toRequest(row) : null;
    },

    async activeRequests(resourceId) {
      const rows = await prisma.edgeRequest.findMany({
        where: { resourceId, state: { in: ['requested', 'uploading'] } },
        select: requestSelect,
        orderBy: { createdAt: 'asc' },
      });
      return rows.map(toRequest);
    },

    async updateRequest(id, update, { resourceId, now }) {
      const data: Prisma.EdgeRequestUpdateManyMutationInput = { updatedAt: now };
      const where: Prisma.EdgeRequestWhereInput = { id, state: { in: ['requested', 'uploading'] } };
      if (resourceId !== undefined) where.resourceId = resourceId;
      if ('bytes' in update) {
        data.bytes = BigInt(update.bytes);
        // Progress counts only while uploading: a late progress message never revives a request.
        where.state = 'uploading';
      } else {
        data.state = update.state;
        if (update.state !== 'uploading') data.finishedAt = now;
        if (update.state === 'failed') data.error = update.error;
      }
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.edgeRequest.updateMany({ where, data });
        if (count > 0) await tx.$executeRaw`SELECT pg_notify(${edgeChannel}, ${`s:${id}`})`;
        return count > 0;
      });
    },

    async notify(payload) {
      await prisma.$executeRaw`SELECT pg_notify(${edgeChannel}, ${payload})`;
    },
  };
}
