import { createHash } from 'node:crypto';
import type { CreateHasher } from '../hash/hasher.js';

/** A hasher backed by node:crypto (OpenSSL): the fast choice wherever Node runs. */
export const createNodeHasher: CreateHasher = (algorithm) => {
  const h = createHash(algorithm);
  return {
    update: (chunk) => void h.update(chunk),
    digest: () => new Uint8Array(h.digest()),
  };
};
