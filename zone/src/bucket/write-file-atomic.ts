import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeChunksBatched } from '@figurl/sdk/node';

/**
 * Streams `chunks` to a temporary file next to `file`, fsyncs it, renames it over `file` and
 * fsyncs the folder, so readers see the old file or the whole new one and a crash never leaves a
 * half-written `file` (Gitaly lost refs to a missing fsync before rename). If anything fails,
 * including the source, the temporary file is removed and `file` is untouched.
 *
 * @example
 * await writeFileAtomic('/data/bucket/staging/x', request);
 */
export async function writeFileAtomic(file: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const dir = path.dirname(file);
  const temp = temporaryPathFor(file);
  const handle = await inDirectory(dir, () => open(temp, 'wx', 0o644));
  let closed = false;
  let renamed = false;
  try {
    await writeChunksBatched(handle, chunks);
    await handle.sync();
    closed = true;
    await handle.close();
    await rename(temp, file);
    renamed = true;
    await syncDirectory(dir);
  } finally {
    if (!closed) await handle.close().catch(() => undefined);
    if (!renamed) await rm(temp, { force: true }).catch(() => undefined);
  }
}

/**
 * A fresh temporary name beside `file`. The leading dot matters: keys never have a segment
 * starting with a dot (`assertBucketKey`), so a listing can skip temporaries without ever hiding
 * a real object, and no key can name a temporary.
 */
export function temporaryPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.tmp-${randomBytes(8).toString('hex')}`);
}

/**
 * Creates `dir` and runs `create` in it, retrying (at most 5 times) on ENOENT: a concurrent
 * `delete` prunes empty folders, and may remove `dir`, or one of its parents while `mkdir -p` is
 * still descending, before `create` runs.
 */
export async function inDirectory<T>(dir: string, create: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      await mkdir(dir, { recursive: true });
      return await create();
    } catch (err) {
      if (attempt >= 5 || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** Makes a rename or link in `dir` durable. Best effort: some platforms cannot fsync folders. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (handle === undefined) return;
  await handle.sync().catch(() => undefined);
  await handle.close().catch(() => undefined);
}
