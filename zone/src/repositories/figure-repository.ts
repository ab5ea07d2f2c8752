import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@figurl/prisma';
import { type FigureRecord, FigurlError } from '@figurl/sdk';
import { lockBlobsForReference } from '../lifecycle/blob-lock.js';

export interface NewFigure {
  zoneName: string;
  viewUri: string;
  dataUri: string;
  dataSha1: string | null;
  label: string;
  ownerId: string;
  repo: string | null;
  pullRequest: number | null;
  commitSha: string | null;
  checkName: string | null;
  pinned: boolean;
  private: boolean;
  allowedUsers: string[];
  expiresAt: Date | null;
  createdAt: Date;
}

/** Fields to set; undefined ones are kept. */
export interface FigureChanges {
  label?: string | undefined;
  pinned?: boolean | undefined;
  expiresAt?: Date | null | undefined;
  private?: boolean | undefined;
  allowedUsers?: string[] | undefined;
}

export interface FigureFilter {
  zoneName: string;
  owner?: string | undefined;
  repo?: string | undefined;
  pullRequest?: number | undefined;
  label?: string | undefined;
  /** Private figures are listed only for this user (owner or allowed); null: none. */
  reader: string | null;
  /** Zone admins see every figure. */
  readerIsAdmin: boolean;
  /** Private figures of these repositories are listed too (the reader may read them on GitHub). */
  readableRepos?: readonly string[] | undefined;
  /** Figures expired before this are left out (pinned ones never expire). */
  now: Date;
  /** Only figures older than this one, in list order. */
  after?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

export interface FigureRepository {
  /** Inserts the figure and its blob refs in one transaction. */
  /**
   * Records the figure and its blob refs in one transaction, under the blobs' reference locks
   * (so the collector cannot delete one before the refs commit); throws NOT_FOUND when
   * `requireSha1` is not stored (or was just collected).
   */
  create(
    figure: NewFigure,
    blobRefs: readonly string[],
    options?: { requireSha1?: string | undefined },
  ): Promise<FigureRecord>;
  /** A figure that is not deleted (it may have expired), or null. */
  find(id: string): Promise<FigureRecord | null>;
  /** Newest first (createdAt, then id, descending). */
  list(filter: FigureFilter): Promise<FigureRecord[]>;
  /**
   * The repositories (at most `limit`, any order) of live private figures of the zone that
   * `reader` neither owns nor is allowed on — those a repository's readers might see.
   */
  listHiddenRepos(filter: {
    zoneName: string;
    reader: string;
    repo?: string | undefined;
    now: Date;
    limit: number;
  }): Promise<string[]>;
  update(id: string, changes: FigureChanges): Promise<FigureRecord | null>;
  /** Marks the figure deleted and removes its blob refs; null when it was not there (any more). */
  softDelete(id: string, now: Date): Promise<Date | null>;
}

const select = {
  id: true,
  zoneName: true,
  viewUri: true,
  dataUri: true,
  dataSha1: true,
  label: true,
  ownerId: true,
  repo: true,
  pullRequest: true,
  commitSha: true,
  checkName: true,
  pinned: true,
  private: true,
  allowedUsers: true,
  expiresAt: true,
  createdAt: true,
} as const;

type FigureRow = Prisma.FigureGetPayload<{ select: typeof select }>;

function toFigure(row: FigureRow): FigureRecord {
  return {
    id: row.id,
    zone: row.zoneName,
    viewUri: row.viewUri,
    dataUri: row.dataUri,
    dataSha1: row.dataSha1,
    label: row.label,
    owner: row.ownerId,
    repo: row.repo,
    pullRequest: row.pullRequest,
    commitSha: row.commitSha,
    checkName: row.checkName,
    pinned: row.pinned,
    private: row.private,
    allowedUsers: row.allowedUsers,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Prisma passes `contains` into ILIKE as it is: `%` and `_` must match themselves. */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Every Prisma call about figures and their blob refs (kind `figure`, refId = figure id).
 * `onWrite` runs after each write: who may read which blob may have changed.
 */
export function createFigureRepository(prisma: PrismaClient, options: { onWrite?: () => void } = {}): FigureRepository {
  const written = <T>(value: T): T => {
    options.onWrite?.();
    return value;
  };
  return {
    async create(figure, blobRefs, options = {}) {
      const id = randomUUID();
      const { requireSha1 } = options;
      const row = await prisma.$transaction(async (tx) => {
        const locked = [...new Set(requireSha1 === undefined ? blobRefs : [...blobRefs, requireSha1])];
        const stored = await lockBlobsForReference(tx, locked);
        if (requireSha1 !== undefined && !stored.has(requireSha1)) {
          throw new FigurlError(
            'NOT_FOUND',
            `no blob sha1://${requireSha1} in this zone: expected the figure data to be stored first (figurl store <file>), or "requireData": false`,
          );
        }
        const created = await tx.figure.create({ data: { id, ...figure }, select });
        await tx.blobRef.createMany({
          data: blobRefs.map((sha1) => ({ sha1, kind: 'figure' as const, refId: id })),
          skipDuplicates: true,
        });
        return created;
      });
      return written(toFigure(row));
    },

    async find(id) {
      const row = await prisma.figure.findFirst({ where: { id, deletedAt: null }, select });
      return row ? toFigure(row) : null;
    },

    async list(filter) {
      const where: Prisma.FigureWhereInput = {
        zoneName: filter.zoneName,
        deletedAt: null,
        OR: [{ pinned: true }, { expiresAt: null }, { expiresAt: { gt: filter.now } }],
        AND: [
          filter.readerIsAdmin
            ? {}
            : {
                OR: [
                  { private: false },
                  ...(filter.reader === null
                    ? []
                    : [{ ownerId: filter.reader }, { allowedUsers: { has: filter.reader } }]),
                  ...(filter.readableRepos === undefined || filter.readableRepos.length === 0
                    ? []
                    : [{ repo: { in: [...filter.readableRepos] } }]),
                ],
              },
          filter.after
            ? {
                OR: [
                  { createdAt: { lt: filter.after.createdAt } },
                  { createdAt: filter.after.createdAt, id: { lt: filter.after.id } },
                ],
              }
            : {},
        ],
        ...(filter.owner === undefined ? {} : { ownerId: filter.owner }),
        ...(filter.repo === undefined ? {} : { repo: filter.repo }),
        ...(filter.pullRequest === undefined ? {} : { pullRequest: filter.pullRequest }),
        ...(filter.label === undefined ? {} : { label: { contains: likeText(filter.label), mode: 'insensitive' } }),
      };
      const rows = await prisma.figure.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: filter.limit,
        select,
      });
      return rows.map(toFigure);
    },

    async listHiddenRepos(filter) {
      const rows = await prisma.$queryRaw<Array<{ repo: string }>>`
        SELECT DISTINCT f.repo
        FROM figures f
        WHERE f.zone_name = ${filter.zoneName}
          AND f.private
          AND f.repo IS NOT NULL
          AND (${filter.repo ?? null}::text IS NULL OR f.repo = ${filter.repo ?? null}::text)
          AND f.deleted_at IS NULL
          AND (f.pinned OR f.expires_at IS NULL OR f.expires_at > ${filter.now})
          AND f.owner_id <> ${filter.reader}
          AND NOT (${filter.reader}::text = ANY (f.allowed_users))
        LIMIT ${filter.limit}`;
      return rows.map((row) => row.repo);
    },

    async update(id, changes) {
      // Prisma (under exactOptionalPropertyTypes) takes absent fields, not undefined ones.
      const data = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      ) as Prisma.FigureUpdateManyMutationInput;
      const rows = await prisma.figure.updateManyAndReturn({ where: { id, deletedAt: null }, data, select });
      const [row] = rows;
      return written(row ? toFigure(row) : null);
    },

    async softDelete(id, now) {
      const [deleted] = await prisma.$transaction([
        prisma.figure.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: now } }),
        prisma.blobRef.deleteMany({ where: { kind: 'figure', refId: id } }),
      ]);
      return written(deleted.count === 1 ? now : null);
    },
  };
}
