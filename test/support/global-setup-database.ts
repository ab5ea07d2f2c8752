import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations, type StartedDatabase, startDatabase } from '@figurl/prisma';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the migrated test database; read it with `getDatabaseUrl()` from ./database.ts. */
    databaseUrl: string;
  }
}

let database: StartedDatabase | undefined;
let tempDir: string | undefined;

/**
 * Vitest globalSetup of the `integration` and `e2e` projects: PostgreSQL from DATABASE_URL when
 * set, otherwise an embedded one in a temporary directory; migrated once, then handed to the
 * tests as `inject('databaseUrl')`. This is an edge, so it reads process.env.
 */
export async function setup(project: TestProject): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl === undefined) {
    tempDir = await mkdtemp(path.join(tmpdir(), 'figurl-test-postgres-'));
    // mkdtemp makes it 0700; as root the server runs as the `postgres` user, which must enter it.
    await chmod(tempDir, 0o755);
  }
  const log = (message: string) => console.log(`[database] ${message}`);
  database = await startDatabase({ databaseUrl, dataDir: tempDir && path.join(tempDir, 'data'), log });
  await applyMigrations({ databaseUrl: database.url, log });
  project.provide('databaseUrl', database.url);
}

export async function teardown(): Promise<void> {
  await database?.stop();
  database = undefined;
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  tempDir = undefined;
}
