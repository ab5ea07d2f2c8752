import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket } from '../../../zone/src/bucket/index.js';
import { createFilesystemBucket } from '../../../zone/src/bucket/index.js';

/** What only a filesystem bucket can show: its files, folders and races on them. */
describe('filesystem bucket on disk', () => {
  let sandbox: string;
  let root: string;
  let bucket: Bucket;
  beforeAll(async () => {
    sandbox = await mkdtemp(path.join(tmpdir(), 'figurl-bucket-'));
    root = path.join(sandbox, 'root');
    bucket = createFilesystemBucket({ root });
  });
  afterAll(() => rm(sandbox, { recursive: true, force: true }));

  const keysUnder = async (prefix: string) => {
    const keys: string[] = [];
    for await (const info of bucket.list(prefix)) keys.push(info.key);
    return keys.sort();
  };

  it('describes itself as a file URL and stores key a/b at <root>/a/b', async () => {
    expect(bucket.description).toBe(pathToFileURL(root).href);
    const dir = randomUUID();
    await bucket.put(`${dir}/b`, Readable.from([Buffer.from('bytes')]), { size: 5 });
    expect((await stat(path.join(root, dir, 'b'))).size).toBe(5);
  });

  it('writes through a hidden temporary file that neither head nor list ever show', async () => {
    const dir = randomUUID();
    let release = () => {};
    const paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstChunkOut = () => {};
    const started = new Promise<void>((resolve) => {
      firstChunkOut = resolve;
    });
    async function* slowSource() {
      yield Buffer.from('first half ');
      firstChunkOut();
      await paused;
      yield Buffer.from('second half');
    }
    const putting = bucket.put(`${dir}/object`, slowSource(), { size: 22 });
    await started;
    // Give the first chunk time to reach the temporary file (bounded: the put is paused).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await readdir(path.join(root, dir));
    expect(during).toHaveLength(1);
    expect(during[0]).toMatch(/^\.object\.tmp-[0-9a-f]{16}$/);
    expect(await bucket.head(`${dir}/object`)).toBeNull();
    expect(await keysUnder(`${dir}/`)).toEqual([]);
    release();
    expect(await putting).toBe(22);
    expect(await readdir(path.join(root, dir))).toEqual(['object']);
  });

  it('does not follow a symlink planted in the folder', async () => {
    const dir = randomUUID();
    const secret = path.join(sandbox, `secret-${dir}`);
    await writeFile(secret, 'outside the bucket');
    await mkdir(path.join(root, dir), { recursive: true });
    await symlink(secret, path.join(root, dir, 'link'));
    expect(await bucket.head(`${dir}/link`)).toBeNull();
    expect(await bucket.get(`${dir}/link`)).toBeNull();
    expect(await keysUnder(`${dir}/`)).toEqual([]);
  });

  it('prunes emptied folders up to, but not including, the root', async () => {
    const dir = randomUUID();
    await bucket.put(`${dir}/a/b/c`, Readable.from([Buffer.from('x')]), { size: 1 });
    await bucket.put(`${dir}/keep`, Readable.from([Buffer.from('y')]), { size: 1 });
    await bucket.delete(`${dir}/a/b/c`);
    expect(await readdir(path.join(root, dir))).toEqual(['keep']);
    await bucket.delete(`${dir}/keep`);
    expect((await readdir(root)).includes(dir)).toBe(false);
    expect((await stat(root)).isDirectory()).toBe(true);
  });

  it('refuses with CONFLICT a key whose path a file or folder already takes', async () => {
    const dir = randomUUID();
    await bucket.put(`${dir}/x`, Readable.from([Buffer.from('x')]), { size: 1 });
    await expect(bucket.put(`${dir}/x/y`, Readable.from([Buffer.from('y')]), { size: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await bucket.put(`${dir}/p/q`, Readable.from([Buffer.from('q')]), { size: 1 });
    await expect(bucket.put(`${dir}/p`, Readable.from([Buffer.from('p')]), { size: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(bucket.copyIfAbsent(`${dir}/x`, `${dir}/p`)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('survives puts racing deletes that prune the same folder (50 rounds)', async () => {
    const dir = randomUUID();
    for (let round = 0; round < 50; round++) {
      const old = `${dir}/shared/${round - 1}`;
      const fresh = `${dir}/shared/${round}`;
      // Deleting the only other object empties and prunes the folder the put is writing into.
      await Promise.all([bucket.delete(old), bucket.put(fresh, Readable.from([Buffer.from('z')]), { size: 1 })]);
      expect(await bucket.head(fresh), `round ${round}`).toMatchObject({ size: 1 });
    }
    expect(await keysUnder(`${dir}/`)).toEqual([`${dir}/shared/49`]);
  });
});
