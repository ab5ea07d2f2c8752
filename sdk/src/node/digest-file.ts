import { type Digests, digestStream, sha1Stream } from '../hash/digest-stream.js';
import { createNodeHasher } from './create-node-hasher.js';
import { readFileChunks } from './read-file-chunks.js';

// The hashers consume each chunk before asking for the next, so readFileChunks may reuse its
// buffers: the next MiB is read while this one is hashed, and a large file makes no garbage.
type Options = { onProgress?: (bytes: number) => void };

/**
 * SHA-1, SHA-256 and size of a file, streamed in 1 MiB chunks (read while the previous is hashed).
 *
 * @example
 * const { sha1 } = await digestFile('data.bin');
 */
export function digestFile(path: string, options: Options = {}): Promise<Digests> {
  return digestStream(readFileChunks(path), { createHasher: createNodeHasher, ...options });
}

/** SHA-1 and size of a file: what a client needs before it asks a zone to store it. */
export function sha1File(path: string, options: Options = {}): Promise<{ sha1: string; size: number }> {
  return sha1Stream(readFileChunks(path), { createHasher: createNodeHasher, ...options });
}
