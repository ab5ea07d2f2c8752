import { type FileHandle, open } from 'node:fs/promises';

/** Chunks are gathered into writes of at least this much. */
const batchBytes = 1 << 20;

/**
 * Writes `chunks` to the new file `path` (created exclusively: it must not exist) with
 * `writeChunksBatched`. On failure the file is closed and left for the caller to remove.
 *
 * @example
 * await writeFileChunks('/cache/x.tmp', response);
 */
export async function writeFileChunks(path: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await writeChunksBatched(handle, chunks);
  } finally {
    await handle.close();
  }
}

/**
 * Writes `chunks` to `handle` in batches of about 1 MiB, each one writev of the chunks as they
 * came (no copy), one batch on its way to the disk while the next is gathered (and hashed
 * upstream). Network chunks are 16–64 KiB; written one by one, 1 GiB costs tens of thousands of
 * write calls, each waited for in turn. At most two batches are held. On failure the write in
 * flight is settled before the error is thrown, so the caller may close the file at once.
 *
 * @example
 * await writeChunksBatched(handle, request);
 */
export async function writeChunksBatched(handle: FileHandle, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  let inFlight: Promise<void> = Promise.resolve();
  try {
    let batch: Uint8Array[] = [];
    let gathered = 0;
    for await (const chunk of chunks) {
      batch.push(chunk);
      gathered += chunk.byteLength;
      if (gathered < batchBytes) continue;
      const ready = batch;
      batch = [];
      gathered = 0;
      await inFlight;
      inFlight = writeAll(handle, ready);
    }
    await inFlight;
    if (batch.length > 0) await writeAll(handle, batch);
  } catch (err) {
    await inFlight.catch(() => undefined);
    throw err;
  }
}

async function writeAll(handle: FileHandle, chunks: Uint8Array[]): Promise<void> {
  // writev may write fewer bytes than asked; loop until every chunk is out.
  let pending = chunks;
  while (pending.length > 0) {
    let { bytesWritten } = await handle.writev(pending);
    let done = 0;
    while (done < pending.length && bytesWritten >= (pending[done] as Uint8Array).byteLength) {
      bytesWritten -= (pending[done] as Uint8Array).byteLength;
      done++;
    }
    pending = pending.slice(done);
    if (bytesWritten > 0) pending[0] = (pending[0] as Uint8Array).subarray(bytesWritten);
  }
}
