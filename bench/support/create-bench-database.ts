import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface BenchDatabase {
  /** DATABASE_URL for the zone; undefined: the zone starts its embedded PostgreSQL. */
  url: string | undefined;
  /** One line for the machine note, e.g. `PostgreSQL 15 at 127.0.0.1:5432, database figurl_bench_…`. */
  description: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database for the bench's zone on the server at `baseUrl` (created with `psql`
 * from template0, dropped afterwards), so open mode and a 1 GiB blob row never touch the
 * shared test database. Without `baseUrl` the zone runs the embedded PostgreSQL; without
 * `psql` the shared database is used as it is, and the description says so.
 *
 * @example
 * const db = await createBenchDatabase(process.env.DATABASE_URL);
 * try { … } finally { await db.drop(); }
 */
export async function createBenchDatabase(baseUrl: string | undefined): Promise<BenchDatabase> {
  if (baseUrl === undefined) {
    return { url: undefined, description: 'embedded PostgreSQL (DATABASE_URL unset)', drop: async () => {} };
  }
  const server = new URL(baseUrl);
  const where = `${server.hostname}:${server.port || '5432'}`;
  const name = `figurl_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  // psql rejects Prisma's query parameters (?schema=…); the server and credentials are enough.
  const admin = new URL(baseUrl);
  admin.search = '';
  const psql = (sql: string) => run('psql', [admin.href, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
  try {
    await psql(`CREATE DATABASE "${name}" TEMPLATE template0`);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'psql not installed' : 'CREATE DATABASE failed';
    return {
      url: baseUrl,
      description: `PostgreSQL at ${where}, the DATABASE_URL database itself (${why})`,
      drop: async () => {},
    };
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    description: `PostgreSQL at ${where} (DATABASE_URL), throwaway database ${name}`,
    drop: async () => {
      await psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
