import { Prisma } from '@figurl/prisma';

export interface LivenessClock {
  /** The zone's clock: pins and figures expire by it (it wrote their expiry). */
  now: Date;
  /** Blobs younger than this are kept, measured by the database's clock, which stamped `created_at`. */
  graceMs: number;
}

const uuidPattern = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * SQL true when the blob `b` (a row of `blobs`) must be kept:
 * - it is younger than the grace period, or
 * - a pin holds it that has not expired, or
 * - a live owner refers to it: a figure neither deleted nor expired (a pinned figure never
 *   expires; through `blob_refs` or its `data_sha1`), a feed not deleted, a mutable whose
 *   current value names it (its refs are replaced on every set), a curation whose feed is not
 *   deleted.
 * Every clause is an indexed lookup: pins and blob_refs by their primary keys (sha1 first),
 * figures by id or data_sha1, feeds, curations and mutables by their primary keys.
 */
export function blobIsLive(clock: LivenessClock): Prisma.Sql {
  const now = Prisma.sql`${clock.now}::timestamptz`;
  const figureLive = Prisma.sql`f.deleted_at IS NULL AND (f.pinned OR f.expires_at IS NULL OR f.expires_at > ${now})`;
  return Prisma.sql`(
    b.created_at >= now() - ${clock.graceMs}::double precision * interval '1 millisecond'
    OR EXISTS (SELECT 1 FROM pins p WHERE p.sha1 = b.sha1 AND (p.expires_at IS NULL OR p.expires_at > ${now}))
    OR EXISTS (SELECT 1 FROM figures f WHERE f.data_sha1 = b.sha1 AND ${figureLive})
    OR EXISTS (
      SELECT 1 FROM blob_refs r WHERE r.sha1 = b.sha1 AND (
        (r.kind = 'figure' AND EXISTS (
          SELECT 1 FROM figures f
          WHERE f.id = CASE WHEN r.ref_id ~ ${uuidPattern} THEN r.ref_id::uuid END AND ${figureLive}))
        OR (r.kind = 'feed' AND EXISTS (
          SELECT 1 FROM feeds d WHERE d.id = r.ref_id AND d.deleted_at IS NULL))
        OR (r.kind = 'mutable' AND EXISTS (
          SELECT 1 FROM mutables m
          WHERE m.zone_name = split_part(r.ref_id, '/', 1)
            AND m.key = substr(r.ref_id, strpos(r.ref_id, '/') + 1)
            AND m.value IS NOT NULL))
        OR (r.kind = 'curation' AND EXISTS (
          SELECT 1 FROM curations c JOIN feeds d ON d.id = c.id WHERE c.id = r.ref_id AND d.deleted_at IS NULL))
      )
    )
  )`;
}
