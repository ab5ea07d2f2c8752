import { opendir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Yields the `/`-separated paths (relative to `root`) of the regular files under `root/start`
 * whose path starts with `prefix`, descending only into folders that can hold such paths. Skips
 * dot-names (temporaries, see `temporaryPathFor`) and symlinks (never followed out of the
 * bucket). A folder removed while walking (a concurrent delete prunes it) is skipped.
 *
 * @example
 * for await (const key of walkFiles('/data/bucket', 'staging', 'staging/')) console.log(key);
 */
export async function* walkFiles(root: string, start: string, prefix: string): AsyncGenerator<string> {
  let dir: Awaited<ReturnType<typeof opendir>>;
  try {
    dir = await opendir(start === '' ? root : path.join(root, ...start.split('/')));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return;
    throw err;
  }
  for await (const entry of dir) {
    if (entry.name.startsWith('.')) continue;
    const relative = start === '' ? entry.name : `${start}/${entry.name}`;
    if (entry.isFile() && relative.startsWith(prefix)) {
      yield relative;
    } else if (entry.isDirectory() && couldHold(`${relative}/`, prefix)) {
      yield* walkFiles(root, relative, prefix);
    }
  }
}

function couldHold(folder: string, prefix: string): boolean {
  return folder.startsWith(prefix) || prefix.startsWith(folder);
}
