import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningZone } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIsolatedZone } from '../support/start-isolated-zone.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'figurl-cli-e2e-'));
let zone: RunningZone;

beforeAll(async () => {
  zone = await startIsolatedZone(work);
});
afterAll(async () => {
  await zone?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs a bin of the sdk as a user would, in its own process. */
async function cli(bin: string, args: string[], cacheDir: string) {
  const env = { PATH: process.env.PATH ?? '', HOME: work, FIGURL_ZONE_URL: zone.url, KACHERY_CLOUD_DIR: cacheDir };
  return run('node', [join(root, 'sdk/bin', `${bin}.js`), ...args], {
    env,
    encoding: 'buffer',
    maxBuffer: 1 << 26,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr.toString() }),
    (e: { code: number; stdout: Buffer; stderr: Buffer }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr.toString(),
    }),
  );
}

describe('the figurl CLI against a running zone', () => {
  const bytes = randomBytes(3 * 1024 * 1024 + 17);
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const file = join(work, 'my data.bin');
  writeFileSync(file, bytes);

  it('stores a file and prints exactly its sha1:// URI with the quoted label', async () => {
    const stored = await cli('figurl', ['store', file], join(work, 'cache-a'));
    expect(stored.stderr).toBe('');
    expect(stored.stdout.toString()).toBe(`sha1://${sha1}?label=my%20data.bin\n`);
    expect(stored.code).toBe(0);
  });

  it('loads it into an empty cache, verified, at the kachery-cloud cache path', async () => {
    const cache = join(work, 'cache-b');
    const loaded = await cli('figurl', ['load', `sha1://${sha1}?label=x`], cache);
    const path = loaded.stdout.toString().trim();
    expect(path).toBe(join(cache, 'sha1', sha1.slice(0, 2), sha1.slice(2, 4), sha1.slice(4, 6), sha1));
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('cats the exact bytes and describes the blob', async () => {
    const cat = await cli('figurl', ['cat', `kachery::sha1:${sha1}:label`], join(work, 'cache-c'));
    expect(cat.stdout.equals(bytes)).toBe(true);
    const info = JSON.parse((await cli('figurl', ['info', `sha1://${sha1}`], join(work, 'cache-c'))).stdout.toString());
    expect(info).toMatchObject({
      found: true,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('speaks the kachery-cloud aliases with the Python client’s output', async () => {
    const small = join(work, 'small.txt');
    writeFileSync(small, 'test-content\n');
    const stored = await cli('kachery-cloud-store', [small, '--label', 'a b'], join(work, 'cache-d'));
    expect(stored.stdout.toString()).toBe('sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230?label=a%20b\n');
    const missing = await cli('kachery-cloud-load', [`sha1://${'0'.repeat(40)}`], join(work, 'cache-d'));
    expect(missing).toMatchObject({ code: 0, stderr: '' });
    expect(missing.stdout.toString()).toBe('');
  });

  it('fails with one line and a non-zero exit on bad input', async () => {
    const bad = await cli('figurl', ['load', 'sha1://abc'], join(work, 'cache-e'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'figurl: invalid URI "sha1://abc": expected 40 lowercase hex characters after "sha1://", got 3\n',
    );
    const noFile = await cli('figurl', ['store', join(work, 'nope.bin')], join(work, 'cache-e'));
    expect(noFile.code).toBe(1);
    expect(noFile.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
