import path from 'node:path';
import { assertDatabaseUrl } from './assert-database-url.js';
import { findRunningEmbeddedPostgres } from './find-running-embedded-postgres.js';
import { startEmbeddedPostgres } from './start-embedded-postgres.js';

export interface StartDatabaseOptions {
  /** An existing PostgreSQL to use as is (the caller passes `process.env.DATABASE_URL`). */
  databaseUrl?: string | undefined;
  /** Data directory of the embedded PostgreSQL, initialised on first use and kept afterwards. */
  dataDir?: string | undefined;
  /** Database created on the embedded server (default `figurl`). */
  databaseName?: string;
  log?: (message: string) => void;
  /** Use the embedded server another process already runs in `dataDir` (admin commands). */
  shareRunning?: boolean;
}

export interface StartedDatabase {
  url: string;
  /** Whether this call started an embedded server (which `stop()` shuts down). */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL that figurl (and its tests) use: `databaseUrl` when given, otherwise an embedded
 * PostgreSQL (the `embedded-postgres` package) in `dataDir`, on a free loopback port, with the
 * database `databaseName` created if missing.
 *
 * @example
 * const db = await startDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '.figurl/postgres' });
 * try { await applyMigrations({ databaseUrl: db.url }); } finally { await db.stop(); }
 */
export async function startDatabase(options: StartDatabaseOptions): Promise<StartedDatabase> {
  const { databaseUrl, dataDir, databaseName = 'figurl', log = () => {} } = options;
  if (databaseUrl !== undefined && databaseUrl !== '') {
    assertDatabaseUrl(databaseUrl);
    return { url: databaseUrl, embedded: false, stop: async () => {} };
  }
  if (dataDir === undefined || dataDir === '') {
    throw new Error('startDatabase needs a databaseUrl or a dataDir for an embedded PostgreSQL: got neither');
  }
  if (options.shareRunning) {
    const running = await findRunningEmbeddedPostgres(path.resolve(dataDir), databaseName);
    if (running) return { url: running, embedded: false, stop: async () => {} };
  }
  return startEmbeddedPostgres({ dataDir: path.resolve(dataDir), databaseName, log });
}
