import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { embeddedCredentials } from './start-embedded-postgres.js';

/**
 * The URL of an embedded PostgreSQL already serving `dataDir` (a zone started by `npm start`),
 * read from the server's `postmaster.pid` (line 1: pid, line 4: port), or null when none runs.
 * Lets admin commands share the database of a running zone instead of failing on its lock.
 *
 * @example
 * const url = await findRunningEmbeddedPostgres('.figurl/postgres', 'figurl');
 */
export async function findRunningEmbeddedPostgres(dataDir: string, databaseName: string): Promise<string | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but owned by another user (the postgres OS user, when we run as root).
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const { user, password } = embeddedCredentials;
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${databaseName}`;
}
