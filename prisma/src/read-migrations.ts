import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationChecksum } from './migration-checksum.js';

/** The migrations shipped with this package: `prisma/migrations`. */
export const defaultMigrationsDir = fileURLToPath(new URL('../migrations/', import.meta.url));

/** One `<name>/migration.sql` folder of a Prisma migrations directory. */
export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

const lockFileName = 'migration_lock.toml';

/**
 * Reads a Prisma migrations directory the way the Prisma 7 CLI does (see `Bl` in
 * node_modules/prisma/build/cli.js): every sub-folder is a migration, read as UTF-8 from
 * `migration.sql`, ordered by `localeCompare` of the folder names; `migration_lock.toml`, when
 * present, must name the provider we run (`postgresql`).
 *
 * @example
 * const migrations = await readMigrations(defaultMigrationsDir);
 * migrations.map((m) => m.name); // ['20261121050000_init']
 */
export async function readMigrations(migrationsDir: string = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: unknown) => {
    throw new Error(`cannot read the migrations directory ${JSON.stringify(migrationsDir)}: ${String(error)}`);
  });
  await checkLockFile(migrationsDir);

  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      const script = await readFile(file, 'utf8').catch(() => {
        throw new Error(`migration ${JSON.stringify(name)} has no readable migration.sql: expected ${file}`);
      });
      return { name, script, checksum: migrationChecksum(script) };
    }),
  );
}

async function checkLockFile(migrationsDir: string): Promise<void> {
  const lockFile = await readFile(path.join(migrationsDir, lockFileName), 'utf8').catch(() => undefined);
  if (lockFile === undefined) return;
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(lockFile)?.[1];
  if (provider !== 'postgresql') {
    throw new Error(
      `${path.join(migrationsDir, lockFileName)} names provider ${JSON.stringify(provider ?? null)}: expected "postgresql"`,
    );
  }
}
