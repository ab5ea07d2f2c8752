import { Prisma } from '@figurl/prisma';

/**
 * Advisory locks of blobs: class 'blob' (0x626c6f62) and the first 32 bits of the sha1, in
 * PostgreSQL's two-key space, which no single-key lock (migrations, pg-boss) shares. Two
 * contents with the same first 8 hex digits merely wait for each other.
 *
 * Who takes it: finalize, around putting the bytes back and inserting the row, and the
 * collector, while it deletes a row (try-lock: a busy blob is left for the next round) and
 * again while it deletes the bytes of a row it removed. So the collector never deletes bytes
 * that a finalize has just published again.
 */
const blobLockClass = 0x626c6f62;

function lockKey(sha1: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${blobLockClass}::int4, ('x' || substr(${sha1}::text, 1, 8))::bit(32)::int4`;
}

/** Waits for the lock of `sha1` and holds it until the transaction ends. */
export async function lockBlob(tx: Prisma.TransactionClient, sha1: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${lockKey(Prisma.sql`${sha1}`)})`;
}

/** Waits for the locks of all of `sha1s` (in one order, so two lockers never deadlock). */
export async function lockBlobs(tx: Prisma.TransactionClient, sha1s: readonly string[]): Promise<void> {
  if (sha1s.length === 0) return;
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(${lockKey(Prisma.sql`h`)})
    FROM (SELECT DISTINCT unnest(${[...sha1s]}::text[]) AS h ORDER BY 1) AS hashes`;
}

/** The subset of `sha1s` whose locks were free and are now held until the transaction ends. */
export async function tryLockBlobs(tx: Prisma.TransactionClient, sha1s: readonly string[]): Promise<string[]> {
  if (sha1s.length === 0) return [];
  const rows = await tx.$queryRaw<Array<{ sha1: string }>>`
    SELECT h AS sha1 FROM (SELECT DISTINCT unnest(${[...sha1s]}::text[]) AS h ORDER BY 1) AS hashes
    WHERE pg_try_advisory_xact_lock(${lockKey(Prisma.sql`h`)})`;
  return rows.map((row) => row.sha1);
}

/**
 * For writers of references (figures, feeds, mutables, curations): call inside the transaction
 * that inserts the `blob_refs` rows, before inserting them. It key-share locks the rows of the
 * blobs that exist, so the collector (which must lock them FOR UPDATE) cannot delete them
 * until the references are committed — or, if it got there first, this waits and the blob is
 * reported absent. Returns the sha1s that exist: a writer that promises its blobs are stored
 * (a figure's `requireData`) must refuse the others.
 *
 * @example
 * await prisma.$transaction(async (tx) => {
 *   const stored = await lockBlobsForReference(tx, refs);
 *   if (!stored.has(dataSha1)) throw new FigurlError('NOT_FOUND', …);
 *   await tx.blobRef.createMany({ data: refs.map((sha1) => ({ sha1, kind: 'figure', refId: id })) });
 * });
 */
export async function lockBlobsForReference(
  tx: Prisma.TransactionClient,
  sha1s: readonly string[],
): Promise<Set<string>> {
  if (sha1s.length === 0) return new Set();
  // ORDER BY: rows are locked in one order by every writer, so two writers never deadlock.
  const rows = await tx.$queryRaw<Array<{ sha1: string }>>`
    SELECT sha1 FROM blobs WHERE sha1 = ANY(${[...sha1s]}::bpchar[]) ORDER BY sha1 FOR KEY SHARE`;
  return new Set(rows.map((row) => row.sha1));
}
