import { toHex } from '../bytes/hex.js';
import { readStreamChunks } from '../bytes/read-stream-chunks.js';
import { type CreateHasher, createPortableHasher } from './hasher.js';

export interface Digests {
  sha1: string;
  sha256: string;
  size: number;
}

export type ByteSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

/**
 * SHA-1, SHA-256 and size of bytes read once, streaming: memory stays at one chunk whatever
 * the size. `onProgress` is told the running byte count after each chunk.
 *
 * @example
 * const { sha1, size } = await digestStream(new TextEncoder().encode('test-content\n'));
 * // sha1 === 'b971c6ef19b1d70ae8f0feb989b106c319b36230', size === 13
 */
export async function digestStream(
  source: ByteSource,
  options: { createHasher?: CreateHasher; onProgress?: (bytes: number) => void } = {},
): Promise<Digests> {
  const createHasher = options.createHasher ?? createPortableHasher;
  const h1 = createHasher('sha1');
  const h256 = createHasher('sha256');
  let size = 0;
  for await (const chunk of toAsyncIterable(source)) {
    h1.update(chunk);
    h256.update(chunk);
    size += chunk.byteLength;
    options.onProgress?.(size);
  }
  return { sha1: toHex(h1.digest()), sha256: toHex(h256.digest()), size };
}

/** SHA-1 hex of bytes held in memory (e.g. canonical JSON before signing). */
export function sha1Hex(bytes: Uint8Array, createHasher: CreateHasher = createPortableHasher): string {
  const h = createHasher('sha1');
  h.update(bytes);
  return toHex(h.digest());
}

/** SHA-256 hex of bytes held in memory. */
export function sha256Hex(bytes: Uint8Array, createHasher: CreateHasher = createPortableHasher): string {
  const h = createHasher('sha256');
  h.update(bytes);
  return toHex(h.digest());
}

async function* toAsyncIterable(source: ByteSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    yield* readStreamChunks(source);
    return;
  }
  yield* source as Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}
