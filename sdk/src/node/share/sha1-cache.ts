import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a file looked like when it was hashed; any difference means hash it again. */
export interface FileStamp {
  /** Absolute path. */
  path: string;
  size: number;
  /** Modification time in ms since the epoch, as `fs.stat` gives it. */
  mtimeMs: number;
}

export interface Sha1Cache {
  /** The SHA-1 recorded for exactly this path, size and mtime, or null. */
  get(stamp: FileStamp): Promise<string | null>;
  set(stamp: FileStamp, sha1: string): Promise<void>;
}

/**
 * The SHA-1s of local files, remembered by absolute path, size and modification time, so a
 * directory is hashed once and `figurl share` restarts in the time it takes to stat it. One small
 * JSON file per path, `<cacheDir>/figurl/sha1-cache/<sha1 of the path>` holding
 * `{path, size, mtime, sha1}` (mtime in seconds, as Python's `os.stat`), the scheme of kachery's
 * `@compute_sha1_cache`. Written atomically (temp file, rename); an unreadable entry is a miss.
 *
 * @example
 * const cache = createSha1Cache('/home/me/.kachery-cloud');
 * const sha1 = (await cache.get(stamp)) ?? (await sha1File(stamp.path)).sha1;
 */
export function createSha1Cache(cacheDir: string): Sha1Cache {
  const dir = join(cacheDir, 'figurl', 'sha1-cache');
  const fileOf = (path: string) => join(dir, createHash('sha1').update(path).digest('hex'));
  return {
    async get(stamp) {
      try {
        const entry = JSON.parse(await readFile(fileOf(stamp.path), 'utf8')) as Record<string, unknown>;
        const same = entry.path === stamp.path && entry.size === stamp.size && entry.mtime === stamp.mtimeMs / 1000;
        return same && typeof entry.sha1 === 'string' && /^[0-9a-f]{40}$/.test(entry.sha1) ? entry.sha1 : null;
      } catch {
        return null;
      }
    },
    async set(stamp, sha1) {
      await mkdir(dir, { recursive: true });
      const file = fileOf(stamp.path);
      const temp = `${file}.${randomBytes(4).toString('hex')}`;
      const entry = { path: stamp.path, size: stamp.size, mtime: stamp.mtimeMs / 1000, sha1 };
      await writeFile(temp, JSON.stringify(entry));
      await rename(temp, file);
    },
  };
}
