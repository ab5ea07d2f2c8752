import { createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';

const chunkSize = 1 << 20;

/**
 * Writes `size` bytes no zone has seen before: one random MiB repeated, each copy stamped with
 * a per-file nonce and its index, so every file (and every MiB) hashes differently and a store
 * is never answered "exists". Fast (no per-byte randomness), and the hashes cost the same as
 * for any other content. fsynced, so the timed transfers do not pay for its writeback. Returns
 * the file's SHA-1, which every transfer's output is checked against.
 *
 * @example
 * const { sha1 } = await writeTestFile('/tmp/bench/1.bin', 1024 * 2 ** 20);
 */
export async function writeTestFile(path: string, size: number): Promise<{ sha1: string }> {
  const block = randomBytes(chunkSize);
  const nonce = randomBytes(8);
  const hash = createHash('sha1');
  const file = await open(path, 'wx');
  try {
    for (let offset = 0, index = 0; offset < size; offset += chunkSize, index++) {
      nonce.copy(block, 0);
      block.writeUInt32BE(index, 8);
      const length = Math.min(chunkSize, size - offset);
      hash.update(block.subarray(0, length));
      let written = 0;
      while (written < length) {
        written += (await file.write(block, written, length - written, offset + written)).bytesWritten;
      }
    }
    await file.sync();
  } finally {
    await file.close();
  }
  return { sha1: hash.digest('hex') };
}
