import { constants } from 'node:fs';
import { lstat, open, rmdir, unlink } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FigurlError, quote } from '@figurl/sdk';
import { assertBucketKey } from './assert-bucket-key.js';
import { assertBucketPrefix } from './assert-bucket-prefix.js';
import { assertByteRange, unsatisfiableRange } from './assert-byte-range.js';
import type { Bucket, BucketObjectInfo } from './bucket.js';
import { countBodyBytes } from './count-body-bytes.js';
import { isBucketKey } from './is-bucket-key.js';
import { linkIfAbsent } from './link-if-absent.js';
import { toBucketError } from './to-bucket-error.js';
import { walkFiles } from './walk-files.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Downloads are read in 1 MiB chunks: a sixteenth of the reads, events and socket writes of
 * Node's 64 KiB default for the same bytes.
 */
const readChunkBytes = 1 << 20;

/** Errors meaning "nothing is stored under this path". */
const absent = new Set(['ENOENT', 'ENOTDIR', 'ELOOP']);
/** Errors meaning "a file sits where a folder is needed, or the reverse". */
const clash = new Set(['ENOTDIR', 'EEXIST', 'EISDIR']);

/**
 * A bucket in a local folder: the object `a/b/c` is the file `<root>/a/b/c`. Writes go to a
 * temporary file and are renamed into place (atomic, fsynced); `copyIfAbsent` hard-links, so it
 * is create-only even when callers race. Every key is checked by `assertBucketKey`, then its
 * resolved path is checked to lie inside `root` again (defence in depth). No presigned URLs: the
 * zone serves uploads and downloads itself. One filesystem cannot hold both `a` and `a/b`;
 * such a put fails with `CONFLICT` (blob and staging keys never collide this way).
 *
 * @example
 * const bucket = createFilesystemBucket({ root: '/data/figurl/bucket' });
 * await bucket.put('staging/x', fs.createReadStream('figure.json'), { size: 1234 });
 */
export function createFilesystemBucket(options: { root: string }): Bucket {
  const root = path.resolve(options.root);
  const description = pathToFileURL(root).href;

  function pathOf(key: string): string {
    assertBucketKey(key);
    const file = path.resolve(root, ...key.split('/'));
    const relative = path.relative(root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new FigurlError('INVALID_REQUEST', `invalid object key ${quote(key)}: it resolves outside the bucket`);
    }
    return file;
  }

  function fsError(verb: string, key: string, err: unknown): FigurlError {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (clash.has(code)) {
      return new FigurlError(
        'CONFLICT',
        `bucket ${description} cannot ${verb} ${quote(key)}: a file and a folder clash on its path (a filesystem bucket cannot hold both "a" and "a/b")`,
      );
    }
    return toBucketError(description, verb, key, err);
  }

  async function info(key: string): Promise<BucketObjectInfo | null> {
    const file = pathOf(key);
    try {
      const stats = await lstat(file);
      return stats.isFile() ? { key, size: stats.size, lastModified: stats.mtime } : null;
    } catch (err) {
      if (absent.has((err as NodeJS.ErrnoException).code ?? '')) return null;
      throw toBucketError(description, 'stat', key, err);
    }
  }

  return {
    description,

    async put(key, body, options) {
      const file = pathOf(key);
      const counted = countBodyBytes(body, key, options?.size);
      try {
        await writeFileAtomic(file, counted.chunks);
      } catch (err) {
        // The body's own errors (a client that went away, a wrong size) pass through unchanged;
        // everything else came from the filesystem.
        if (counted.failure !== undefined) throw counted.failure.error;
        throw fsError('put', key, err);
      }
      return counted.bytes;
    },

    async get(key, range) {
      const file = pathOf(key);
      if (range !== undefined) assertByteRange(range);
      // Open first, then fstat the open file: a concurrent rename-over or delete cannot make the
      // size and the bytes disagree. O_NOFOLLOW: a symlink planted in the folder is not an object.
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      } catch (err) {
        if (absent.has((err as NodeJS.ErrnoException).code ?? '')) return null;
        throw toBucketError(description, 'get', key, err);
      }
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) {
          await handle.close();
          return null;
        }
        if (range === undefined) {
          return { body: handle.createReadStream({ highWaterMark: readChunkBytes }), size: stats.size };
        }
        if (range.start >= stats.size) throw unsatisfiableRange(key, range, stats.size);
        const end = Math.min(range.end, stats.size - 1);
        return {
          body: handle.createReadStream({ start: range.start, end, highWaterMark: readChunkBytes }),
          size: end - range.start + 1,
        };
      } catch (err) {
        await handle.close().catch(() => undefined);
        throw toBucketError(description, 'get', key, err);
      }
    },

    head: info,

    async delete(key) {
      const file = pathOf(key);
      try {
        await unlink(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? '';
        // EISDIR/EPERM: a folder is there, so no object is; deleting an absent key is fine.
        if (!absent.has(code) && code !== 'EISDIR' && code !== 'EPERM')
          throw toBucketError(description, 'delete', key, err);
      }
      // Prune empty parents, best effort: rmdir refuses non-empty folders, and a writer that
      // loses its folder to this retries (see inDirectory).
      for (let dir = path.dirname(file); dir.startsWith(`${root}${path.sep}`); dir = path.dirname(dir)) {
        const removed = await rmdir(dir).then(
          () => true,
          () => false,
        );
        if (!removed) break;
      }
    },

    async copyIfAbsent(from, to) {
      const source = pathOf(from);
      const target = pathOf(to);
      if ((await info(to)) !== null) return 'exists';
      if ((await info(from)) === null) {
        throw new FigurlError('NOT_FOUND', `bucket ${description} cannot copy ${quote(from)}: no such object`);
      }
      try {
        return await linkIfAbsent(source, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new FigurlError('NOT_FOUND', `bucket ${description} cannot copy ${quote(from)}: no such object`);
        }
        throw fsError('copy', to, err);
      }
    },

    async *list(prefix) {
      assertBucketPrefix(prefix);
      const slash = prefix.lastIndexOf('/');
      const start = slash === -1 ? '' : prefix.slice(0, slash);
      try {
        for await (const key of walkFiles(root, start, prefix)) {
          const found = isBucketKey(key) ? await info(key) : null;
          if (found !== null) yield found;
        }
      } catch (err) {
        throw toBucketError(description, 'list', prefix, err);
      }
    },
  };
}
