import { Prisma, type PrismaClient } from '@figurl/prisma';
import { lockBlobsForReference } from '../lifecycle/blob-lock.js';

/** A mutable as stored: `value` is canonical JSON text, null once deleted. */
export interface MutableRecord {
  zoneName: string;
  key: string;
  version: number;
  value: string | null;
  ownerId: string;
  writers: string[];
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface MutableVersionRecord {
  version: number;
  value: string | null;
  author: string;
  createdAt: Date;
}

/** Who writes, and what the database may let them change (mirrors `mayChangeMutable`). */
export interface MutableWriter {
  userId: string;
  /** The zone's upload right: create, and change mutables whose writers include "*". */
  canUpload: boolean;
  /** Owner and writers are matched by user id only when this holds (not for anonymous without upload). */
  named: boolean;
  isAdmin: boolean;
}

export interface MutableWrite {
  zoneName: string;
  key: string;
  /** Canonical JSON text; null deletes. */
  value: string | null;
  /** sha1 hashes the value refers to: they replace the mutable's blob references. */
  refs: readonly string[];
  writer: MutableWriter;
  /** `create` may insert a new mutable (unconditional or create-only sets); `update` never does. */
  mode: 'create' | 'update';
  ifVersion: number | undefined;
  createOnly: boolean;
  /** Replaces the writers when given. */
  writers: readonly string[] | undefined;
  now: Date;
}

export interface MutableRepository {
  find(zoneName: string, key: string): Promise<MutableRecord | null>;
  /**
   * Applies a write in one SQL statement: the mutable row (insert or version + 1, guarded by
   * the writer's rights, `ifVersion` and `createOnly`), its history row and its blob references
   * commit together. Returns the new row, or, when a guard refused, the row as the statement
   * began (null when absent) to say why: a write that waited for a concurrent one may see the
   * row from before that one.
   */
  write(write: MutableWrite): Promise<{ written: MutableRecord } | { written: null; before: MutableRecord | null }>;
  /** Versions after `after`, oldest first, at most `limit`. */
  listVersions(zoneName: string, key: string, after: number, limit: number): Promise<MutableVersionRecord[]>;
}

const columns = Prisma.sql`zone_name AS "zoneName", key, version, value, owner_id AS "ownerId",
  COALESCE(writers, ARRAY[]::text[]) AS writers, updated_by AS "updatedBy",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** blob_refs.ref_id of a mutable. */
export function mutableRefId(zoneName: string, key: string): string {
  return `${zoneName}/${key}`;
}

export function createMutableRepository(prisma: PrismaClient): MutableRepository {
  return {
    async find(zoneName, key) {
      // Raw SQL: every read ends here, and this costs half of what findUnique does.
      const rows = await prisma.$queryRaw<MutableRecord[]>`
        SELECT ${columns} FROM mutables WHERE zone_name = ${zoneName} AND key = ${key}`;
      return rows[0] ?? null;
    },

    async write(write) {
      type Row = MutableRecord & { written: boolean };
      const statement = writeStatement(write);
      // A value that names blobs: key-share lock those the zone stores first, in the same
      // transaction, so the collector cannot delete one between its liveness check and our
      // commit (docs/ARCHITECTURE.md, Lifecycle). Without references, one statement suffices.
      const rows =
        write.refs.length === 0
          ? await prisma.$queryRaw<Row[]>(statement)
          : await prisma.$transaction(
              async (tx) => {
                await lockBlobsForReference(tx, write.refs);
                return tx.$queryRaw<Row[]>(statement);
              },
              { maxWait: 10_000, timeout: 20_000 },
            );
      const row = rows[0];
      if (row === undefined) return { written: null, before: null };
      const { written, ...record } = row;
      return written ? { written: record } : { written: null, before: record };
    },

    async listVersions(zoneName, key, after, limit) {
      return prisma.mutableVersion.findMany({
        where: { zoneName, key, version: { gt: after } },
        select: { version: true, value: true, author: true, createdAt: true },
        orderBy: { version: 'asc' },
        take: limit,
      });
    },
  };
}

/*
 * One statement, so there is no window between the guard and the write: under READ COMMITTED
 * the UPDATE (or ON CONFLICT DO UPDATE) locks the row and re-checks its WHERE against the
 * latest committed version, so of concurrent compare-and-swaps on one version exactly one
 * passes. The data-modifying CTEs all run, in the statement's one transaction.
 */
function writeStatement(w: MutableWrite): Prisma.Sql {
  const { userId, canUpload, named, isAdmin } = w.writer;
  const changesWriters = w.writers !== undefined;
  const writers = w.writers === undefined ? null : [...w.writers];
  // Mirrors mayChangeMutable: admins; the owner and (unless writers change) listed writers;
  // with "*", anyone who may upload.
  const mayChange = Prisma.sql`(${isAdmin}::boolean
    OR (${named}::boolean AND (m.owner_id = ${userId}
      OR (NOT ${changesWriters}::boolean AND ${userId} = ANY(m.writers))))
    OR (NOT ${changesWriters}::boolean AND ${canUpload}::boolean AND '*' = ANY(m.writers)))`;
  const versionMatches = Prisma.sql`(${w.ifVersion ?? null}::integer IS NULL OR m.version = ${w.ifVersion ?? null}::integer)`;

  const changed =
    w.mode === 'create'
      ? Prisma.sql`
        INSERT INTO mutables AS m (zone_name, key, version, value, owner_id, writers, updated_by, created_at, updated_at)
        VALUES (${w.zoneName}, ${w.key}, 1, ${w.value}, ${userId}, COALESCE(${writers}::text[], ARRAY[]::text[]),
          ${userId}, ${w.now}, ${w.now})
        ON CONFLICT (zone_name, key) DO UPDATE SET
          version = m.version + 1, value = EXCLUDED.value, writers = COALESCE(${writers}::text[], m.writers),
          updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
        WHERE ${mayChange} AND ${versionMatches} AND (NOT ${w.createOnly}::boolean OR m.value IS NULL)`
      : Prisma.sql`
        UPDATE mutables AS m SET
          version = m.version + 1, value = ${w.value}, writers = COALESCE(${writers}::text[], m.writers),
          updated_by = ${userId}, updated_at = ${w.now}
        WHERE m.zone_name = ${w.zoneName} AND m.key = ${w.key} AND ${mayChange} AND ${versionMatches}
          AND (${w.value}::text IS NOT NULL OR m.value IS NOT NULL)`;

  const refId = mutableRefId(w.zoneName, w.key);
  const refs = [...w.refs];
  return Prisma.sql`
    WITH changed AS (
      ${changed}
      RETURNING ${columns}
    ), history AS (
      INSERT INTO mutable_versions (zone_name, key, version, value, author, created_at)
      SELECT "zoneName", key, version, value, "updatedBy", "updatedAt" FROM changed
    ), dropped_refs AS (
      -- Only references the new value lacks: a row this statement also inserted would be
      -- invisible to this DELETE (one snapshot), so the two sets must not overlap.
      DELETE FROM blob_refs
      WHERE kind = 'mutable' AND ref_id = ${refId} AND EXISTS (SELECT 1 FROM changed)
        AND sha1 <> ALL(${refs}::text[])
    ), added_refs AS (
      INSERT INTO blob_refs (sha1, kind, ref_id, created_at)
      SELECT ref, 'mutable'::blob_ref_kind, ${refId}, ${w.now} FROM changed, unnest(${refs}::text[]) AS ref
      ON CONFLICT DO NOTHING
    )
    SELECT *, true AS written FROM changed
    UNION ALL
    -- When a guard refused: the row from the statement's snapshot, to explain why in one round trip.
    SELECT ${columns}, false AS written FROM mutables
    WHERE zone_name = ${w.zoneName} AND key = ${w.key} AND NOT EXISTS (SELECT 1 FROM changed)`;
}
