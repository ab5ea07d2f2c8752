import { toHex } from '../bytes/hex.js';
import { readStreamChunks } from '../bytes/read-stream-chunks.js';
import { type CreateHasher, createPortableHasher, type HashAlgorithm } from './hasher.js';

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
export async function digestStream(source: ByteSource, options: DigestOptions = {}): Promise<Digests> {
  const { digests, size } = await hashStream(source, ['sha1', 'sha256'], options);
  return { sha1: digests.sha1 ?? '', sha256: digests.sha256 ?? '', size };
}

/**
 * SHA-1 and size only: half the work of `digestStream`, for a client that needs just the
 * content address before it uploads (the zone computes SHA-256 itself).
 */
export async function sha1Stream(
  source: ByteSource,
  options: DigestOptions = {},
): Promise<{ sha1: string; size: number }> {
  const { digests, size } = await hashStream(source, ['sha1'], options);
  return { sha1: digests.sha1 ?? '', size };
}

export interface DigestOptions {
  createHasher?: CreateHasher;
  onProgress?: (bytes: number) => void;
}

async function hashStream(
  source: ByteSource,
  algorithms: readonly HashAlgorithm[],
  options: DigestOptions,
): Promise<{ digests: Partial<Record<HashAlgorithm, string>>; size: number }> {
  const createHasher = options.createHasher ?? createPortableHasher;
  const hashers = algorithms.map((algorithm) => [algorithm, createHasher(algorithm)] as const);
  let size = 0;
  for await (const chunk of toAsyncIterable(source)) {
    for (const [, hasher] of hashers) hasher.update(chunk);
    size += chunk.byteLength;
    options.onProgress?.(size);
  }
  return { digests: Object.fromEntries(hashers.map(([algorithm, h]) => [algorithm, toHex(h.digest())])), size };
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
