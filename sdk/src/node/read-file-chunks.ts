import { type FileHandle, open } from 'node:fs/promises';

/** 1 MiB: large enough that per-read overhead vanishes, small enough to stay in the CPU's caches. */
export const fileChunkBytes = 1 << 20;

/**
 * The bytes of a file in chunks of up to 1 MiB, read ahead: the next read runs (in libuv's
 * thread pool) while the caller works on the current chunk, e.g. hashes it. Two buffers are
 * reused throughout, so reading a large file makes no garbage for the collector; in exchange,
 * **a chunk is only valid until the next one is requested** — copy it to keep it.
 *
 * @example
 * for await (const chunk of readFileChunks('big.bin')) hash.update(chunk);
 */
export async function* readFileChunks(path: string): AsyncGenerator<Uint8Array> {
  const file = await open(path, 'r');
  let current = Buffer.allocUnsafe(fileChunkBytes);
  let spare = Buffer.allocUnsafe(fileChunkBytes);
  let ahead: Promise<number> | undefined;
  try {
    let length = await readInto(file, current);
    while (length > 0) {
      ahead = readInto(file, spare);
      yield current.subarray(0, length);
      length = await ahead;
      ahead = undefined;
      [current, spare] = [spare, current];
    }
  } finally {
    // A caller that stops early leaves a read in flight: let it land before the file closes.
    await ahead?.catch(() => 0);
    await file.close();
  }
}

async function readInto(file: FileHandle, buffer: Buffer): Promise<number> {
  const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
  return bytesRead;
}
