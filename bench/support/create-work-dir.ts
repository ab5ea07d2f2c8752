import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh folder under the system temp folder for one bench run. Searchable by others (0711):
 * run as root, the embedded PostgreSQL drops to the `postgres` user, which must reach its data
 * directory inside; nobody else can list the folder.
 *
 * @example
 * const work = await createWorkDir('figurl-bench-transfer-');
 */
export async function createWorkDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o711);
  return dir;
}
