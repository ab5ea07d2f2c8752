import { createReadStream } from 'node:fs';
import { type Digests, digestStream } from '../hash/digest-stream.js';
import { createNodeHasher } from './create-node-hasher.js';

/**
 * SHA-1, SHA-256 and size of a file, streamed in 1 MiB chunks.
 *
 * @example
 * const { sha1 } = await digestFile('data.bin');
 */
export async function digestFile(
  path: string,
  options: { onProgress?: (bytes: number) => void } = {},
): Promise<Digests> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  return digestStream(stream, { createHasher: createNodeHasher, ...options });
}
