import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createZoneClient, FigurlError, type ZoneFetch } from '@figurl/sdk';
import { loadFile, toCachePath } from '@figurl/sdk/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeZone } from '../../unit/sdk/zone-client-fake-zone.js';

/*
 * loadFile against a real cache directory on disk: what the kachery-cloud Python client and
 * figurl share ($KACHERY_CLOUD_DIR/sha1/aa/bb/cc/<hash>). The zone is the in-memory stand-in.
 */

let cacheDir: string;
beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'figurl-cache-'));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Every file under the cache, relative to it. */
function cacheFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(cacheDir, path));
    }
  };
  walk(cacheDir);
  return out.sort();
}

const sha1Of = (data: Uint8Array | string) => createHash('sha1').update(data).digest('hex');

describe('loadFile', () => {
  it('downloads into sha1/aa/bb/cc/<hash>, verified, with progress', async () => {
    const zone = createFakeZone({ chunkSize: 1000 });
    const content = 'figurl '.repeat(1000);
    const hash = zone.put(content);
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    const seen: number[] = [];
    const loaded = await loadFile(client, { hash, cacheDir, onProgress: (p) => seen.push(p.bytes) });
    expect(loaded).toEqual({ path: toCachePath(cacheDir, hash), size: 7000, downloaded: true });
    expect(relative(cacheDir, loaded.path)).toBe(
      `sha1/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash.slice(4, 6)}/${hash}`,
    );
    expect(readFileSync(loaded.path, 'utf8')).toBe(content);
    expect(seen).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    expect(cacheFiles()).toEqual([relative(cacheDir, loaded.path)]);
  });

  it('refuses corrupted bytes with HASH_MISMATCH: nothing cached, no temp file left', async () => {
    const zone = createFakeZone({ chunkSize: 4 });
    const hash = zone.put('test-content\n');
    zone.bytes.set(hash, new TextEncoder().encode('test-c0ntent\n'));
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });

    const err = await loadFile(client, { hash, cacheDir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FigurlError);
    expect((err as FigurlError).code).toBe('HASH_MISMATCH');
    expect((err as FigurlError).message).toBe(
      `downloaded bytes do not match sha1://${hash}: expected sha1 "${hash}", got "${sha1Of('test-c0ntent\n')}" ` +
        '(13 bytes); nothing was cached',
    );
    expect(cacheFiles()).toEqual([]);
  });

  it('removes the temp file when the download breaks off', async () => {
    const zone = createFakeZone();
    const hash = zone.put('x'.repeat(10_000));
    const breaking: ZoneFetch = async (url, init) => {
      const response = await zone.fetch(url, init);
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) return controller.error(new Error('connection reset'));
          sent = true;
          controller.enqueue(new Uint8Array(5000));
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: breaking });
    await expect(loadFile(client, { hash, cacheDir })).rejects.toThrow('connection reset');
    expect(cacheFiles()).toEqual([]);
  });

  it('returns a cache hit without calling fetch (a file the Python client put there)', async () => {
    const hash = sha1Of('test-content\n');
    const path = toCachePath(cacheDir, hash);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'test-content\n');
    const fetch: ZoneFetch = async () => {
      throw new Error('fetch must not be called on a cache hit');
    };
    const client = createZoneClient({ baseUrl: 'http://zone.test', fetch });
    expect(await loadFile(client, { hash, cacheDir })).toEqual({ path, size: 13, downloaded: false });
  });

  it('lets concurrent loads of the same hash both succeed', async () => {
    const zone = createFakeZone({ chunkSize: 8 * 1024, chunkDelayMs: 2 });
    const content = new Uint8Array(200_000).map((_, i) => (i * 31) % 251);
    const hash = zone.put(content);
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });

    const results = await Promise.all([1, 2, 3, 4].map(() => loadFile(client, { hash, cacheDir })));
    expect(results.map((r) => r.downloaded)).toEqual([true, true, true, true]);
    expect(new Set(results.map((r) => r.path)).size).toBe(1);
    expect(sha1Of(readFileSync(toCachePath(cacheDir, hash)))).toBe(hash);
    expect(cacheFiles()).toEqual([relative(cacheDir, toCachePath(cacheDir, hash))]);
  });

  it('creates no directories for a blob the zone does not hold', async () => {
    const zone = createFakeZone();
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    const err = await loadFile(client, { hash: '0'.repeat(40), cacheDir }).catch((e: unknown) => e);
    expect((err as FigurlError).code).toBe('NOT_FOUND');
    expect(readdirSync(cacheDir)).toEqual([]);
  });
});
