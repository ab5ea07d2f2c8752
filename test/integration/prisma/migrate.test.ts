import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, defaultMigrationsDir, type PrismaClient, readMigrations } from '@figurl/prisma';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createFreshDatabase, createTestPrisma, type FreshDatabase } from '../../support/database.js';

const initName = '20261121050000_init';
/** Every migration in the repository, in order. */
let allNames: string[] = [];
beforeAll(async () => {
  allNames = (await readMigrations(defaultMigrationsDir)).map((m) => m.name);
});

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A fresh database and a Prisma client on it, both removed after the test. */
async function freshDatabase(): Promise<{ db: FreshDatabase; prisma: PrismaClient }> {
  const db = await createFreshDatabase();
  const prisma = createTestPrisma(db.url);
  cleanups.push(async () => {
    await prisma.$disconnect();
    await db.drop();
  });
  return { db, prisma };
}

function migrationRows(prisma: PrismaClient): Promise<MigrationRow[]> {
  return prisma.$queryRaw<MigrationRow[]>`SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name`;
}

/** A copy of the real migrations plus `extra` ({folder: sql}) in a temporary directory. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'figurl-migrations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(defaultMigrationsDir, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function waitUntilLockIsHeld(prisma: PrismaClient): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    const [{ held } = { held: 0n }] = await prisma.$queryRaw<Array<{ held: bigint }>>`
      SELECT count(*) AS held FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = 72707369
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    if (held > 0n) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the advisory lock 72707369 was not taken within 2 s: expected the holder transaction to take it');
}

describe('applyMigrations', () => {
  test('applies every migration to an empty database and records it as Prisma does', async () => {
    const { db, prisma } = await freshDatabase();

    expect(await applyMigrations({ databaseUrl: db.url })).toEqual(allNames);

    const rows = await migrationRows(prisma);
    expect(rows.map((row) => row.migration_name)).toEqual(allNames);
    for (const row of rows) {
      const fileBytes = await readFile(path.join(defaultMigrationsDir, row.migration_name, 'migration.sql'));
      expect(row).toMatchObject({
        checksum: createHash('sha256').update(fileBytes).digest('hex'),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
  });

  test('creates _prisma_migrations with the DDL of the Prisma schema engine', async () => {
    const { db, prisma } = await freshDatabase();
    await applyMigrations({ databaseUrl: db.url });
    const columns = await prisma.$queryRaw<Array<Record<string, unknown>>>`
      SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = '_prisma_migrations' ORDER BY ordinal_position`;
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO', column_default: null },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        length: 255,
        is_nullable: 'NO',
        column_default: null,
      },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'NO',
        column_default: 'now()',
      },
      {
        column_name: 'applied_steps_count',
        data_type: 'integer',
        length: null,
        is_nullable: 'NO',
        column_default: '0',
      },
    ]);
  });

  test('applies nothing the second time', async () => {
    const { db, prisma } = await freshDatabase();
    await applyMigrations({ databaseUrl: db.url });
    expect(await applyMigrations({ databaseUrl: db.url })).toEqual([]);
    expect(await migrationRows(prisma)).toHaveLength(allNames.length);
  });

  test('refuses a migration whose file no longer matches the recorded checksum', async () => {
    const { db, prisma } = await freshDatabase();
    await applyMigrations({ databaseUrl: db.url });
    await prisma.$executeRaw`UPDATE _prisma_migrations SET checksum = ${'0'.repeat(64)}`;

    await expect(applyMigrations({ databaseUrl: db.url })).rejects.toThrow(
      new RegExp(
        `migration \`${initName}\` was modified after it was applied: _prisma_migrations has checksum "0{64}"`,
      ),
    );
  });

  test('accepts the same migration with CRLF line endings, as Prisma does', async () => {
    const { db } = await freshDatabase();
    await applyMigrations({ databaseUrl: db.url });
    const dir = await migrationsWith({});
    const file = path.join(dir, initName, 'migration.sql');
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('\n', '\r\n'));

    expect(await applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).toEqual([]);
  });

  test('rolls back a failing migration, records it as failed and then refuses to continue', async () => {
    const { db, prisma } = await freshDatabase();
    const broken = '20990101000000_broken';
    const dir = await migrationsWith({
      [broken]: 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n',
    });

    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      `migration \`${broken}\` failed and was rolled back: relation "no_such_table" does not exist`,
    );
    const rows = await migrationRows(prisma);
    expect(rows.map((row) => [row.migration_name, row.finished_at === null, row.applied_steps_count])).toEqual([
      ...allNames.map((name) => [name, false, 1]),
      [broken, true, 0],
    ]);
    expect(rows.at(-1)?.logs).toContain('Database error code: 42P01');
    const [{ exists } = { exists: true }] = await prisma.$queryRaw<Array<{ exists: boolean }>>`
      SELECT to_regclass('half_done') IS NOT NULL AS exists`;
    expect(exists).toBe(false);

    await expect(applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      new RegExp(`found failed migrations in _prisma_migrations.*\\n\`${broken}\``, 's'),
    );

    // What `prisma migrate resolve --rolled-back` does; the fixed migration then applies.
    await prisma.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${broken}`;
    await writeFile(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);\n');
    expect(await applyMigrations({ databaseUrl: db.url, migrationsDir: dir })).toEqual([broken]);
  });

  test('two runners on one fresh database both succeed and apply each migration once', async () => {
    const { db, prisma } = await freshDatabase();
    const results = await Promise.all([
      applyMigrations({ databaseUrl: db.url }),
      applyMigrations({ databaseUrl: db.url }),
    ]);

    expect(results.flat()).toEqual(allNames);
    expect(await migrationRows(prisma)).toHaveLength(allNames.length);
  });

  test('waits for the Prisma migrate advisory lock held by another session', async () => {
    const { db, prisma } = await freshDatabase();
    let released = false;
    const holder = prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(72707369)`;
      await new Promise((resolve) => setTimeout(resolve, 500));
      released = true;
    });
    await waitUntilLockIsHeld(prisma);

    const applied = await applyMigrations({ databaseUrl: db.url });
    expect(released).toBe(true);
    expect(applied).toEqual(allNames);
    await holder;
  });

  test('refuses a non-empty database that has no _prisma_migrations table', async () => {
    const { db, prisma } = await freshDatabase();
    await prisma.$executeRaw`CREATE TABLE "someone_elses" ("id" INTEGER)`;

    await expect(applyMigrations({ databaseUrl: db.url })).rejects.toThrow(
      /is not empty \(tables: someone_elses\) but has no _prisma_migrations table/,
    );
  });

  test('names a migration folder that has no migration.sql', async () => {
    const dir = await migrationsWith({});
    await mkdir(path.join(dir, '20990101000000_empty'));

    await expect(
      applyMigrations({ databaseUrl: 'postgresql://unused@127.0.0.1:1/none', migrationsDir: dir }),
    ).rejects.toThrow('migration "20990101000000_empty" has no readable migration.sql');
  });
});

afterAll(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});
