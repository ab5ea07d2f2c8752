import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digestStream, FigurlError, sha1Hex, sha1ObjectKey, sha1Stream, sha256Hex } from '@figurl/sdk';
import { createNodeHasher, digestFile } from '@figurl/sdk/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const testContent = new TextEncoder().encode('test-content\n');

describe('hashing', () => {
  it('matches the kachery documentation for test-content\\n', async () => {
    expect(sha1Hex(testContent)).toBe('b971c6ef19b1d70ae8f0feb989b106c319b36230');
    expect(await digestStream(testContent)).toEqual({
      sha1: 'b971c6ef19b1d70ae8f0feb989b106c319b36230',
      sha256: createHash('sha256').update(testContent).digest('hex'),
      size: 13,
    });
  });

  it('gives the same digests for any chunking, from any source, with either hasher (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.array(fc.nat(4096), { maxLength: 8 }),
        async (bytes, cuts) => {
          const chunks = chunk(bytes, cuts);
          const expected = {
            sha1: createHash('sha1').update(bytes).digest('hex'),
            sha256: createHash('sha256').update(bytes).digest('hex'),
            size: bytes.length,
          };
          expect(await digestStream(chunks)).toEqual(expected);
          expect(await digestStream(toAsync(chunks), { createHasher: createNodeHasher })).toEqual(expected);
          expect(await digestStream(toReadableStream(chunks))).toEqual(expected);
          expect(sha256Hex(bytes)).toBe(expected.sha256);
          expect(await sha1Stream(chunks)).toEqual({ sha1: expected.sha1, size: bytes.length });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('streams a file and reports progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'figurl-hash-'));
    const path = join(dir, 'data.bin');
    const bytes = new Uint8Array(3 * (1 << 20) + 5).map((_, i) => i % 251);
    writeFileSync(path, bytes);
    const progress: number[] = [];
    const digests = await digestFile(path, { onProgress: (n) => progress.push(n) });
    expect(digests.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
    expect(digests.size).toBe(bytes.length);
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)).toBe(bytes.length);
  });
});

describe('sha1ObjectKey', () => {
  it('fans out by the first three byte pairs', () => {
    expect(sha1ObjectKey('b971c6ef19b1d70ae8f0feb989b106c319b36230')).toBe(
      'sha1/b9/71/c6/b971c6ef19b1d70ae8f0feb989b106c319b36230',
    );
    expect(sha1ObjectKey('b971c6ef19b1d70ae8f0feb989b106c319b36230', 'zones/lab/')).toBe(
      'zones/lab/sha1/b9/71/c6/b971c6ef19b1d70ae8f0feb989b106c319b36230',
    );
  });

  it.each(['', 'B971C6EF19B1D70AE8F0FEB989B106C319B36230', '../../etc/passwd', 'b971c6'])('rejects %j', (hash) => {
    expect(() => sha1ObjectKey(hash)).toThrow(FigurlError);
    expect(() => sha1ObjectKey(hash)).toThrow(/expected 40 lowercase hex characters/);
  });
});

function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  return out;
}

async function* toAsync(chunks: Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const c of chunks) yield c;
}

function toReadableStream(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}
