import type { PrismaClient } from '@figurl/prisma';

/** Whether a blob is restricted, and whether the reader is one of those it is restricted to. */
export interface BlobAccess {
  /** A live private figure refers to the blob and no live public figure does. */
  restricted: boolean;
  /** The reader owns, is allowed on, or administers the zone of a live private figure referring to it. */
  allowed: boolean;
  /**
   * The repositories of the live private figures referring to it: their readers on GitHub may
   * read it too when the zone has the App (docs/protocol.md §7; judged by assertMayReadBlobs).
   */
  repos: string[];
}

export interface BlobAccessRepository {
  /**
   * Access to each of `hashes` for `reader` (a user id; null for nobody in particular), judged
   * at `now`. Hashes no live figure refers to are absent from the answer: unrestricted.
   */
  find(hashes: readonly string[], reader: string | null, now: Date): Promise<Map<string, BlobAccess>>;
}

interface Row {
  sha1: string;
  has_public: boolean | null;
  allowed: boolean | null;
  repos: string[] | null;
}

/**
 * The private-data rule in one indexed query: `blob_refs` by its primary key (sha1, kind, …),
 * each figure by its own, the reader's zone membership by its own. A figure is live while it is
 * not deleted and is pinned, never expires or expires after `now`.
 */
export function createBlobAccessRepository(prisma: PrismaClient): BlobAccessRepository {
  return {
    async find(hashes, reader, now) {
      if (hashes.length === 0) return new Map();
      // bpchar[]: compared as text, blob_refs.sha1 (char(40)) would lose its index.
      const rows = await prisma.$queryRaw<Row[]>`
        SELECT r.sha1,
               bool_or(NOT f.private) AS has_public,
               bool_or(f.private AND (f.owner_id = ${reader}::text
                                      OR ${reader}::text = ANY (f.allowed_users)
                                      OR COALESCE(m.is_admin, false))) AS allowed,
               array_agg(DISTINCT f.repo) FILTER (WHERE f.private AND f.repo IS NOT NULL) AS repos
        FROM blob_refs r
        JOIN figures f ON f.id = CASE WHEN r.kind = 'figure' THEN r.ref_id::uuid END
        LEFT JOIN zone_members m ON m.zone_name = f.zone_name AND m.user_id = ${reader}::text
        WHERE r.sha1 = ANY (${hashes}::bpchar[])
          AND r.kind = 'figure'
          AND f.deleted_at IS NULL
          AND (f.pinned OR f.expires_at IS NULL OR f.expires_at > ${now})
        GROUP BY r.sha1`;
      return new Map(
        rows.map((row) => [
          row.sha1,
          { restricted: row.has_public !== true, allowed: row.allowed === true, repos: row.repos ?? [] },
        ]),
      );
    },
  };
}
