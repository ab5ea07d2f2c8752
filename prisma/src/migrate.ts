import { randomUUID } from 'node:crypto';
import { FigurlError } from '@figurl/sdk';
import pg from 'pg';
import { checksumMatches } from './migration-checksum.js';
import { ensureMigrationsTable, loadMigrationRows, type MigrationRow } from './migrations-table.js';
import { defaultMigrationsDir, type MigrationFile, readMigrations } from './read-migrations.js';
import { redactUrl } from './redact-url.js';

/*
 * A stand-in for `prisma migrate deploy` (whose native schema engine is not available
 * everywhere), writing the same `_prisma_migrations` bookkeeping so either tool can take over.
 * Facts from the prisma-engines sources (schema-engine/…), checked against Prisma 7.10.1's own
 * engine (node_modules/prisma/build/schema_engine_bg.wasm holds the same DDL and lock number, and
 * run against databases migrated here it finds nothing to apply and no drift):
 * - flavour/postgres.rs: `SELECT pg_advisory_lock(72707369)` before any work (given up after
 *   10 s); the table DDL (see migrations-table.ts).
 * - sql_migration_persistence.rs: a row is inserted (uuid v4 id, checksum, started_at) before
 *   the script runs; on success `applied_steps_count + 1` and `finished_at` are set; on failure
 *   only `logs` is set, leaving finished_at NULL.
 * - commands/apply_migrations.rs: rows with finished_at and rolled_back_at both NULL are failed
 *   migrations and block everything (P3009); rows with rolled_back_at set do not count as
 *   applied.
 * Deliberate differences: the script and its success record share one transaction (Prisma sends
 * the script as one multi-statement simple query, which PostgreSQL also runs atomically), and an
 * applied migration whose file changed is refused here, where `migrate deploy` does not check.
 */
const prismaMigrateLockId = 72707369;
const lockTimeout = '10s';

export interface ApplyMigrationsOptions {
  /** PostgreSQL URL of the database to migrate (its default schema). */
  databaseUrl: string;
  /** Folder of `<timestamp>_<name>/migration.sql` folders; defaults to this package's. */
  migrationsDir?: string;
  log?: (message: string) => void;
}

/**
 * Applies the pending migrations in folder order, each in its own transaction, under Prisma's
 * advisory lock so concurrent runners (or `prisma migrate deploy`) take turns. Migration scripts
 * must therefore not contain BEGIN/COMMIT or statements that refuse to run in a transaction
 * (such as CREATE INDEX CONCURRENTLY).
 *
 * @returns the names of the migrations applied by this call (empty when up to date).
 * @example
 * const applied = await applyMigrations({ databaseUrl: 'postgresql://postgres@127.0.0.1:5432/figurl' });
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  const { databaseUrl, migrationsDir = defaultMigrationsDir, log = () => {} } = options;
  const migrations = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect().catch((error: unknown) => {
    throw new FigurlError(
      'UNAVAILABLE',
      `cannot connect to ${redactUrl(databaseUrl)} to apply migrations: ${describe(error)}`,
    );
  });
  try {
    await acquireLock(client, databaseUrl);
    await ensureMigrationsTable(client, databaseUrl);
    const rows = await loadMigrationRows(client);
    refuseFailedMigrations(rows);
    refuseEditedMigrations(rows, migrations);

    const applied = new Set(rows.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name));
    const appliedNow: string[] = [];
    for (const migration of migrations.filter((m) => !applied.has(m.name))) {
      log(`Applying migration \`${migration.name}\``);
      await applyOne(client, migration);
      appliedNow.push(migration.name);
    }
    return appliedNow;
  } finally {
    // Closing the session releases the advisory lock too; end() alone is enough.
    await client.end().catch(() => {});
  }
}

async function acquireLock(client: pg.Client, databaseUrl: string): Promise<void> {
  await client.query(`SET lock_timeout = '${lockTimeout}'`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [prismaMigrateLockId]);
  } catch (error) {
    if ((error as { code?: unknown }).code !== '55P03') throw error;
    throw new Error(
      `another process held the migration lock (pg_advisory_lock ${prismaMigrateLockId}) on ` +
        `${redactUrl(databaseUrl)} for more than ${lockTimeout}: expected it to finish migrating sooner`,
      { cause: error },
    );
  }
  await client.query('RESET lock_timeout');
}

function refuseFailedMigrations(rows: MigrationRow[]): void {
  const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed.length === 0) return;
  const details = failed
    .map(
      (row) => `\`${row.migration_name}\` (started ${row.started_at.toISOString()}): ${row.logs?.trim() || 'no logs'}`,
    )
    .join('\n');
  throw new Error(
    `found failed migrations in _prisma_migrations; new migrations cannot be applied before they are resolved ` +
      `(run \`prisma migrate resolve --rolled-back <name>\` after fixing the database):\n${details}`,
  );
}

function refuseEditedMigrations(rows: MigrationRow[], migrations: MigrationFile[]): void {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  for (const row of rows) {
    const migration = byName.get(row.migration_name);
    if (row.finished_at === null || row.rolled_back_at !== null || migration === undefined) continue;
    if (!checksumMatches(migration.script, row.checksum)) {
      throw new Error(
        `migration \`${row.migration_name}\` was modified after it was applied: _prisma_migrations has checksum ` +
          `${JSON.stringify(row.checksum)}, expected ${JSON.stringify(migration.checksum)} (the file's); ` +
          'restore the file and put the change in a new migration',
      );
    }
  }
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query(
    'INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, now(), $3)',
    [id, migration.checksum, migration.name],
  );
  try {
    await client.query('BEGIN');
    // No parameters: pg uses the simple query protocol, which accepts many statements.
    await client.query(migration.script);
    await client.query(
      `UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    const code = (error as { code?: unknown }).code;
    const logs = `Migration name: ${migration.name}\n\nDatabase error code: ${String(code)}\n\nDatabase error:\n${describe(error)}`;
    await client.query('UPDATE _prisma_migrations SET logs = $2 WHERE id = $1', [id, logs]).catch(() => {});
    throw new Error(`migration \`${migration.name}\` failed and was rolled back: ${describe(error)}`, { cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
