import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FigurlError } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket } from '../../../zone/src/bucket/index.js';
import { createFilesystemBucket, createS3Bucket } from '../../../zone/src/bucket/index.js';
import { startS3Server } from '../../support/s3-server.js';

/**
 * A bucket under test plus the folder holding everything it stores. For S3 that is s3rver's data
 * folder: the shim's own staging files (see s3-server.ts) are the fake's business, as S3's are.
 */
interface Subject {
  bucket: Bucket;
  sandbox: string;
  close(): Promise<void>;
}

const subjects: [string, () => Promise<Subject>][] = [
  [
    'filesystem',
    async () => {
      const sandbox = await mkdtemp(path.join(tmpdir(), 'figurl-bucket-'));
      const bucket = createFilesystemBucket({ root: path.join(sandbox, 'root') });
      return { bucket, sandbox, close: () => rm(sandbox, { recursive: true, force: true }) };
    },
  ],
  [
    's3 (s3rver)',
    async () => {
      const s3 = await startS3Server();
      const bucket = createS3Bucket({ ...s3, forcePathStyle: true, prefix: 'zone/one' });
      return {
        bucket,
        sandbox: s3.directory,
        close: async () => {
          await bucket.close?.();
          await s3.close();
        },
      };
    },
  ],
];

describe.each(subjects)('%s bucket contract', (_name, makeSubject) => {
  let subject: Subject;
  let bucket: Bucket;
  beforeAll(async () => {
    subject = await makeSubject();
    bucket = subject.bucket;
  });
  afterAll(() => subject.close());

  it('puts, heads, gets and deletes an object', async () => {
    const key = `${randomUUID()}/sub/object.bin`;
    const bytes = randomBytes(4321);
    expect(await bucket.put(key, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { size: 4321 })).toBe(
      4321,
    );
    const info = await bucket.head(key);
    expect(info).toMatchObject({ key, size: 4321 });
    expect(Math.abs((info?.lastModified.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(await readAll(bucket, key)).toEqual(bytes);
    await bucket.delete(key);
    expect(await bucket.head(key)).toBeNull();
    expect(await bucket.get(key)).toBeNull();
    await bucket.delete(key); // deleting an absent key is not an error
  });

  it('puts bodies of unknown size, from Readables and async iterables, including empty ones', async () => {
    const dir = randomUUID();
    const bytes = randomBytes(70_000);
    expect(await bucket.put(`${dir}/a`, chunksOf(bytes, 4096))).toBe(70_000);
    expect(await readAll(bucket, `${dir}/a`)).toEqual(bytes);
    expect(await bucket.put(`${dir}/empty`, Readable.from([]), { size: 0 })).toBe(0);
    expect(await bucket.head(`${dir}/empty`)).toMatchObject({ size: 0 });
    expect(await readAll(bucket, `${dir}/empty`)).toEqual(Buffer.alloc(0));
  });

  it('replaces an object whole', async () => {
    const key = `${randomUUID()}/k`;
    await bucket.put(key, Readable.from([Buffer.from('old bytes')]), { size: 9 });
    await bucket.put(key, Readable.from([Buffer.from('new')]), { size: 3 });
    expect((await readAll(bucket, key)).toString()).toBe('new');
  });

  it('serves byte ranges: first byte, last byte, middle, whole, and past the end', async () => {
    const key = `${randomUUID()}/ranged`;
    const bytes = randomBytes(1000);
    await bucket.put(key, Readable.from([bytes]), { size: 1000 });
    const cases: [number, number, Buffer][] = [
      [0, 0, bytes.subarray(0, 1)],
      [999, 999, bytes.subarray(999)],
      [100, 199, bytes.subarray(100, 200)],
      [0, 999, bytes],
      [990, 5000, bytes.subarray(990)], // an end past the object is clamped, as in HTTP
    ];
    for (const [start, end, expected] of cases) {
      const got = await bucket.get(key, { start, end });
      expect(got?.size, `${start}-${end}`).toBe(expected.length);
      expect(await collect(got?.body), `${start}-${end}`).toEqual(expected);
    }
    await expectCode(bucket.get(key, { start: 1000, end: 1000 }), 'INVALID_REQUEST');
    await expectCode(bucket.get(key, { start: 5, end: 2 }), 'INVALID_REQUEST');
    await expectCode(bucket.get(key, { start: -1, end: 2 }), 'INVALID_REQUEST');
    expect(await bucket.get(`${key}-absent`, { start: 0, end: 0 })).toBeNull();
  });

  it('refuses a body of the wrong size, naming both sizes, and leaves nothing behind', async () => {
    const dir = randomUUID();
    const before = await filesUnder(subject.sandbox);
    const short = bucket.put(`${dir}/short`, Readable.from([Buffer.alloc(10)]), { size: 11 });
    await expect(short).rejects.toThrow(/expected 11 bytes, received 10/);
    await expectCode(short, 'INVALID_REQUEST');
    const long = bucket.put(`${dir}/long`, chunksOf(randomBytes(300_000), 65_536), { size: 200_000 });
    await expect(long).rejects.toThrow(/expected 200000 bytes, received more than 200000/);
    expect(await bucket.head(`${dir}/short`)).toBeNull();
    expect(await bucket.head(`${dir}/long`)).toBeNull();
    expect(await filesUnder(subject.sandbox)).toEqual(before);
  });

  it('keeps the previous object when a replacing put fails', async () => {
    const key = `${randomUUID()}/kept`;
    await bucket.put(key, Readable.from([Buffer.from('original')]), { size: 8 });
    await expectCode(
      bucket.put(key, Readable.from([Buffer.from('longer replacement')]), { size: 9 }),
      'INVALID_REQUEST',
    );
    await expect(bucket.put(key, failingSource(3 * 65_536), { size: 10 * 65_536 })).rejects.toThrow('source failed');
    expect((await readAll(bucket, key)).toString()).toBe('original');
  });

  it('leaves nothing under the key when the source errors midway', async () => {
    const dir = randomUUID();
    const before = await filesUnder(subject.sandbox);
    await expect(bucket.put(`${dir}/sized`, failingSource(1 << 20), { size: 4 << 20 })).rejects.toThrow(
      'source failed',
    );
    await expect(bucket.put(`${dir}/unsized`, failingSource(1 << 20))).rejects.toThrow('source failed');
    // Past the first 8 MiB part: on S3 a multipart upload is under way and must be aborted.
    await expect(bucket.put(`${dir}/multipart`, failingSource(12 << 20))).rejects.toThrow('source failed');
    for (const name of ['sized', 'unsized', 'multipart']) expect(await bucket.head(`${dir}/${name}`)).toBeNull();
    expect(await filesUnder(subject.sandbox)).toEqual(before);
  });

  it('copyIfAbsent creates once and never changes existing bytes', async () => {
    const dir = randomUUID();
    await bucket.put(`${dir}/from`, Readable.from([Buffer.from('first')]), { size: 5 });
    await bucket.put(`${dir}/other`, Readable.from([Buffer.from('second')]), { size: 6 });
    expect(await bucket.copyIfAbsent(`${dir}/from`, `${dir}/to/copy`)).toBe('created');
    expect(await bucket.copyIfAbsent(`${dir}/other`, `${dir}/to/copy`)).toBe('exists');
    expect((await readAll(bucket, `${dir}/to/copy`)).toString()).toBe('first');
    expect((await readAll(bucket, `${dir}/from`)).toString()).toBe('first'); // `from` stays
    // Replacing `from` afterwards must not reach through to the copy.
    await bucket.put(`${dir}/from`, Readable.from([Buffer.from('changed')]), { size: 7 });
    expect((await readAll(bucket, `${dir}/to/copy`)).toString()).toBe('first');
    await expectCode(bucket.copyIfAbsent(`${dir}/absent`, `${dir}/to/new`), 'NOT_FOUND');
    expect(await bucket.head(`${dir}/to/new`)).toBeNull();
  });

  it('lets exactly one of 20 concurrent copyIfAbsent calls to the same key create it', async () => {
    const dir = randomUUID();
    const sources = Array.from({ length: 20 }, (_, i) => Buffer.from(`candidate ${i} `.repeat(1000)));
    await Promise.all(
      sources.map((bytes, i) => bucket.put(`${dir}/from/${i}`, Readable.from([bytes]), { size: bytes.length })),
    );
    const results = await Promise.all(sources.map((_, i) => bucket.copyIfAbsent(`${dir}/from/${i}`, `${dir}/to`)));
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    expect(results.filter((r) => r === 'exists')).toHaveLength(19);
    const winner = sources[results.indexOf('created')];
    expect(await readAll(bucket, `${dir}/to`)).toEqual(winner);
  });

  it('lists every object under a prefix', async () => {
    const dir = randomUUID();
    const keys = [`${dir}/p/a`, `${dir}/p/b/c`, `${dir}/p/bc`, `${dir}/q/a`];
    for (const [i, key] of keys.entries()) await bucket.put(key, Readable.from([Buffer.alloc(i + 1)]), { size: i + 1 });
    const list = async (prefix: string) => {
      const found: string[] = [];
      for await (const info of bucket.list(prefix)) found.push(`${info.key}:${info.size}`);
      return found.sort();
    };
    expect(await list(`${dir}/p/`)).toEqual([`${dir}/p/a:1`, `${dir}/p/b/c:2`, `${dir}/p/bc:3`]);
    expect(await list(`${dir}/p/b`)).toEqual([`${dir}/p/b/c:2`, `${dir}/p/bc:3`]);
    expect(await list(`${dir}/p/b/`)).toEqual([`${dir}/p/b/c:2`]);
    expect(await list(`${dir}/none/`)).toEqual([]);
    expect(await list(dir)).toHaveLength(4);
    const all = await list('');
    expect(all).toEqual(expect.arrayContaining([`${dir}/q/a:4`]));
  });

  it('does not see a key under an object as a folder, or a folder as an object', async () => {
    const dir = randomUUID();
    await bucket.put(`${dir}/d/e`, Readable.from([Buffer.from('x')]), { size: 1 });
    expect(await bucket.head(`${dir}/d`)).toBeNull();
    expect(await bucket.get(`${dir}/d`)).toBeNull();
    await bucket.delete(`${dir}/d`);
    expect(await bucket.head(`${dir}/d/e`)).toMatchObject({ size: 1 });
  });

  it('refuses traversal and malformed keys with INVALID_REQUEST in every method, writing nothing', async () => {
    const outside = path.join(subject.sandbox, `escape-${randomUUID()}`);
    const badKeys = [
      '../x',
      'a/../../b',
      '../../../../../../../../tmp/x',
      outside,
      '/abs',
      'a//b',
      'a/',
      '/',
      '',
      '.',
      '..',
      'a/./b',
      '.hidden',
      'a/.hidden',
      'a\\b',
      '..\\x',
      'C:/x',
      'a\0b',
      '%2e%2e/x',
      '%2e%2e%2fx',
      'a b',
      'é',
      '\u00c0\u00ae\u00c0\u00ae/x',
      'x'.repeat(1025),
      'a/'.repeat(600),
    ];
    const good = `${randomUUID()}/good`;
    await bucket.put(good, Readable.from([Buffer.from('ok')]), { size: 2 });
    const before = await filesUnder(subject.sandbox);
    for (const key of badKeys) {
      const attempts: [string, () => Promise<unknown>][] = [
        ['put', () => bucket.put(key, Readable.from([Buffer.from('evil')]), { size: 4 })],
        ['get', () => bucket.get(key)],
        ['get range', () => bucket.get(key, { start: 0, end: 0 })],
        ['head', () => bucket.head(key)],
        ['delete', () => bucket.delete(key)],
        ['copy from', () => bucket.copyIfAbsent(key, `${good}-copy`)],
        ['copy to', () => bucket.copyIfAbsent(good, key)],
        ['list', () => bucket.list(`${key}/`)[Symbol.asyncIterator]().next()],
      ];
      if (bucket.presignPut)
        attempts.push(['presignPut', async () => bucket.presignPut?.(key, { size: 4, expiresInSeconds: 60 })]);
      if (bucket.presignGet)
        attempts.push(['presignGet', async () => bucket.presignGet?.(key, { expiresInSeconds: 60 })]);
      for (const [method, attempt] of attempts) {
        await expectCode(attempt(), 'INVALID_REQUEST', `${method} ${JSON.stringify(key)}`);
      }
    }
    expect(await filesUnder(subject.sandbox)).toEqual(before);
    expect(await bucket.head(`${good}-copy`)).toBeNull();
  });

  it('streams a 32 MiB object in and out without holding it whole', async () => {
    const key = `${randomUUID()}/large.bin`;
    const size = 32 * 1024 * 1024;
    const written = createHash('sha256');
    let produced = 0;
    async function* source() {
      // Deterministic 1 MiB chunks, hashed as they are produced: the test never holds 32 MiB.
      for (let i = 0; i < 32; i++) {
        const block = megabyte(i);
        written.update(block);
        produced += block.length;
        yield block;
      }
    }
    expect(await bucket.put(key, source(), { size })).toBe(size);
    expect(produced).toBe(size);
    const got = await bucket.get(key);
    expect(got?.size).toBe(size);
    const read = createHash('sha256');
    let received = 0;
    for await (const chunk of got?.body ?? []) {
      read.update(chunk as Buffer);
      received += (chunk as Buffer).length;
    }
    expect(received).toBe(size);
    expect(read.digest('hex')).toBe(written.digest('hex'));
    const tail = await bucket.get(key, { start: size - 4096, end: size - 1 });
    expect(tail?.size).toBe(4096);
    expect(await collect(tail?.body)).toEqual(megabyte(31).subarray(-4096));
    await bucket.delete(key);
  });

  it('streams a body of unknown size spanning several 8 MiB parts', async () => {
    const key = `${randomUUID()}/unsized.bin`;
    async function* source() {
      for (let i = 0; i < 20; i++) yield megabyte(i);
    }
    expect(await bucket.put(key, source())).toBe(20 << 20);
    expect(await bucket.head(key)).toMatchObject({ size: 20 << 20 });
    const middle = await bucket.get(key, { start: (8 << 20) - 10, end: (8 << 20) + 9 });
    expect(await collect(middle?.body)).toEqual(
      Buffer.concat([megabyte(7).subarray(-10), megabyte(8).subarray(0, 10)]),
    );
    await bucket.delete(key);
  });
});

/** The `i`th MiB of the large test object: a pattern unique to `i`, made on demand. */
function megabyte(i: number): Buffer {
  const pattern = createHash('sha512').update(`chunk ${i}`).digest();
  const block = Buffer.alloc(1024 * 1024);
  for (let at = 0; at < block.length; at += pattern.length) pattern.copy(block, at);
  return block;
}

async function readAll(bucket: Bucket, key: string): Promise<Buffer> {
  const got = await bucket.get(key);
  if (got === null) throw new Error(`${key} is absent`);
  return collect(got.body);
}

async function collect(body: AsyncIterable<unknown> | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body ?? []) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* chunksOf(bytes: Buffer, chunkSize: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
}

/** Yields `bytes` zero bytes in 64 KiB chunks, then fails like a client that went away. */
async function* failingSource(bytes: number): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < bytes; sent += 65_536) yield Buffer.alloc(Math.min(65_536, bytes - sent));
  throw new Error('source failed');
}

async function expectCode(promise: Promise<unknown>, code: string, label = ''): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error, `${label} should fail with ${code}`).toBeInstanceOf(FigurlError);
  expect((error as FigurlError).code, label).toBe(code);
}

/** Every file under `dir` (relative paths, sorted): what the bucket has put on disk. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
