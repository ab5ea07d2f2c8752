import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

export type HashAlgorithm = 'sha1' | 'sha256';

/** An incremental hash. Node passes one backed by node:crypto (see `@figurl/sdk/node`). */
export interface Hasher {
  update(chunk: Uint8Array): void;
  digest(): Uint8Array;
}

export type CreateHasher = (algorithm: HashAlgorithm) => Hasher;

/**
 * The portable hasher (pure JavaScript, @noble/hashes): runs in browsers and workers. On Node,
 * `createNodeHasher` from `@figurl/sdk/node` is several times faster.
 */
export const createPortableHasher: CreateHasher = (algorithm) => {
  const h = algorithm === 'sha1' ? sha1.create() : sha256.create();
  return {
    update: (chunk) => void h.update(chunk),
    digest: () => h.digest(),
  };
};
