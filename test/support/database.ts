import { randomBytes } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@figurl/prisma';
import { inject } from 'vitest';

/** URL of the shared, migrated test database (see global-setup-database.ts). */
export function getDatabaseUrl(): string {
  return inject('databaseUrl');
}

/**
 * A Prisma client on the shared test database; `$disconnect()` it in `afterAll`. Tests share
 * the database, so create rows with unique ids (the `createTest*` factories of @figurl/prisma).
 *
 * @example
 * const prisma = createTestPrisma();
 * afterAll(() => prisma.$disconnect());
 */
export function createTestPrisma(databaseUrl: string = getDatabaseUrl()): PrismaClient {
  return createPrismaClient({ databaseUrl, max: 4 });
}

export interface FreshDatabase {
  name: string;
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named, empty database (from `template0`) on the test server, for tests
 * that need a database nobody else touches, e.g. to run migrations.
 *
 * @example
 * let db: FreshDatabase;
 * beforeAll(async () => { db = await createFreshDatabase(); });
 * afterAll(() => db.drop());
 */
export async function createFreshDatabase(baseUrl: string = getDatabaseUrl()): Promise<FreshDatabase> {
  const name = `figurl_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  // The name is ours (lowercase letters, digits, underscores), so it needs no quoting beyond "".
  await runOnServer(baseUrl, `CREATE DATABASE "${name}" TEMPLATE template0`);
  return {
    name,
    url: url.toString(),
    // WITH (FORCE) (PostgreSQL 13+) ends sessions a failed test left open.
    drop: () => runOnServer(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function runOnServer(url: string, sql: string): Promise<void> {
  const prisma = createPrismaClient({ databaseUrl: url, max: 1 });
  try {
    await prisma.$executeRawUnsafe(sql);
  } finally {
    await prisma.$disconnect();
  }
}
