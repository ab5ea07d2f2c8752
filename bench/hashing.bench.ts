import { digestStream } from '@figurl/sdk';
import { createNodeHasher } from '@figurl/sdk/node';
import { bench, describe } from 'vitest';

// 16 MiB in 1 MiB chunks: the shape of a streamed upload being verified at finalize.
const chunks = Array.from({ length: 16 }, (_, i) => new Uint8Array(1 << 20).fill(i));

describe('SHA-1 + SHA-256 of 16 MiB (baseline: portable @noble/hashes)', () => {
  bench('portable (@noble/hashes)', async () => {
    await digestStream(chunks);
  });
  bench('node:crypto (createNodeHasher)', async () => {
    await digestStream(chunks, { createHasher: createNodeHasher });
  });
});
