import type pg from 'pg';
import { redactUrl } from './redact-url.js';

/*
 * Prisma's migration bookkeeping table. The DDL is verbatim from prisma-engines
 * schema-engine/connectors/sql-schema-connector/src/flavour/postgres.rs (`create_migrations_table`;
 * the same text is in node_modules/prisma/build/schema_engine_bg.wasm of Prisma 7.10.1), so a
 * database migrated here looks exactly like one migrated by `prisma migrate deploy`.
 */
const migrationsTableDdl = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

/** One row of `_prisma_migrations`. */
export interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
}

/**
 * Creates `_prisma_migrations` in an empty database. Like Prisma's `initialize` (error P3005), it
 * refuses a schema that already has tables but no `_prisma_migrations`: those tables came from
 * elsewhere and the first migration would collide with them.
 *
 * @example
 * await ensureMigrationsTable(client, databaseUrl);
 */
export async function ensureMigrationsTable(client: pg.Client, databaseUrl: string): Promise<void> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname = current_schema()`,
  );
  if (rows.some((row) => row.relname === '_prisma_migrations')) return;
  if (rows.length > 0) {
    const tables = rows.map((row) => row.relname).join(', ');
    throw new Error(
      `the database ${redactUrl(databaseUrl)} is not empty (tables: ${tables}) but has no _prisma_migrations ` +
        'table: expected an empty database or one migrated by Prisma (see Prisma error P3005, "baselining")',
    );
  }
  await client.query(migrationsTableDdl);
}

/** All rows, oldest first (Prisma's order). */
export async function loadMigrationRows(client: pg.Client): Promise<MigrationRow[]> {
  return (await client.query<MigrationRow>('SELECT * FROM _prisma_migrations ORDER BY started_at ASC')).rows;
}
