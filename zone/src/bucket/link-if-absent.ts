import { constants } from 'node:fs';
import { copyFile, link, lstat, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { inDirectory, syncDirectory, temporaryPathFor } from './write-file-atomic.js';

/** Errors of `link(2)` that mean "this file cannot get another hard link here". */
const cannotLink = new Set(['EMLINK', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS']);

/**
 * Makes `to` a copy of the regular file `from` only if `to` does not exist: `'created'` or
 * `'exists'`. `link(2)` is create-only and atomic (EEXIST when `to` exists), so of any number of
 * racing callers exactly one creates `to`, and readers never see a partial file. When `from`
 * cannot take another link (EMLINK, or a filesystem without hard links), the bytes are copied
 * to a temporary file first and that file is linked into place, which is just as create-only.
 * `to` existing as a folder is an `EISDIR` error, not `'exists'`: no object is there.
 *
 * @example
 * await linkIfAbsent('/b/staging/x', '/b/sha1/b9/71/c6/b971…'); // 'created'
 */
export async function linkIfAbsent(from: string, to: string): Promise<'created' | 'exists'> {
  try {
    await inDirectory(path.dirname(to), () => link(from, to));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return existing(to);
    if (!cannotLink.has(code)) throw err;
    return copyThenLink(from, to);
  }
  await syncDirectory(path.dirname(to));
  return 'created';
}

async function copyThenLink(from: string, to: string): Promise<'created' | 'exists'> {
  const temp = temporaryPathFor(to);
  try {
    await copyFile(from, temp, constants.COPYFILE_EXCL);
    const handle = await open(temp, 'r+');
    await handle.sync().finally(() => handle.close());
    try {
      await link(temp, to);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return existing(to);
      throw err;
    }
    await syncDirectory(path.dirname(to));
    return 'created';
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

async function existing(to: string): Promise<'exists'> {
  const stats = await lstat(to);
  if (stats.isFile()) return 'exists';
  throw Object.assign(new Error(`${to} exists and is not a regular file`), { code: 'EISDIR', syscall: 'link' });
}
