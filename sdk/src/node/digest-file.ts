import { createReadStream } from 'node:fs';
import { type Digests, digestStream, sha1Stream } from '../hash/digest-stream.js';
import { createNodeHasher } from './create-node-hasher.js';

type Options = { onProgress?: (bytes: number) => void };
const readFile = (path: string) => createReadStream(path, { highWaterMark: 1 << 20 });

/**
 * SHA-1, SHA-256 and size of a file, streamed in 1 MiB chunks.
 *
 * @example
 * const { sha1 } = await digestFile('data.bin');
 */
export function digestFile(path: string, options: Options = {}): Promise<Digests> {
  return digestStream(readFile(path), { createHasher: createNodeHasher, ...options });
}

/** SHA-1 and size of a file: what a client needs before it asks a zone to store it. */
export function sha1File(path: string, options: Options = {}): Promise<{ sha1: string; size: number }> {
  return sha1Stream(readFile(path), { createHasher: createNodeHasher, ...options });
}
