import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sha1File } from '../digest-file.js';
import type { FileStamp, Sha1Cache } from './sha1-cache.js';

/** A file `figurl share` offers: where it is (never sent to the zone) and what it hashed to. */
export interface SharedFile extends FileStamp {
  sha1: string;
}

export interface DirectoryIndex {
  /** Files by SHA-1; identical files share an entry, in the order they were found. */
  byHash: Map<string, SharedFile[]>;
  /** Files hashed now (new or changed since they were cached). */
  hashed: number;
  /** Files whose SHA-1 came from the cache. */
  cached: number;
  /** Bytes in all. */
  bytes: number;
}

/**
 * Every regular file under `dir` (symbolic links to files included, linked folders not followed)
 * with its SHA-1, from `cache` when the path, size and mtime are unchanged, otherwise hashed
 * (streamed) and recorded. Files that vanish or cannot be read while this runs are left out.
 *
 * @example
 * const { byHash } = await indexDirectory('/data/session-12', createSha1Cache(cacheDir));
 */
export async function indexDirectory(
  dir: string,
  cache: Sha1Cache,
  options: { signal?: AbortSignal } = {},
): Promise<DirectoryIndex> {
  const root = resolve(dir);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const index: DirectoryIndex = { byHash: new Map(), hashed: 0, cached: 0, bytes: 0 };
  const paths = entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => join(e.parentPath, e.name));
  for (const path of paths.sort()) {
    if (options.signal?.aborted) break;
    const file = await hashFile(path, cache, index).catch(() => null);
    if (file === null) continue;
    const same = index.byHash.get(file.sha1);
    if (same) same.push(file);
    else index.byHash.set(file.sha1, [file]);
    index.bytes += file.size;
  }
  return index;
}

/** A file's current stamp and SHA-1 (from the cache when unchanged); null for anything but a regular file. */
export async function hashFile(
  path: string,
  cache: Sha1Cache,
  counts?: { hashed: number; cached: number },
): Promise<SharedFile | null> {
  const info = await stat(path);
  if (!info.isFile()) return null;
  const stamp: FileStamp = { path, size: info.size, mtimeMs: info.mtimeMs };
  const cached = await cache.get(stamp);
  if (cached !== null) {
    if (counts) counts.cached++;
    return { ...stamp, sha1: cached };
  }
  const { sha1, size } = await sha1File(path);
  // A file that changed while it was hashed is hashed again on the next look.
  const after = await stat(path);
  if (after.size !== size || after.mtimeMs !== stamp.mtimeMs) return null;
  await cache.set(stamp, sha1);
  if (counts) counts.hashed++;
  return { ...stamp, sha1 };
}
