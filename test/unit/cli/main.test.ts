import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeZone, type FakeZone } from '../sdk/zone-client-fake-zone.js';
import { runCli, tempDir } from './run-cli.js';

const testHash = 'b971c6ef19b1d70ae8f0feb989b106c319b36230';
const cachePathOf = (dir: string, hash: string) =>
  join(dir, 'sha1', hash.slice(0, 2), hash.slice(2, 4), hash.slice(4, 6), hash);

let dir: ReturnType<typeof tempDir>;
let zone: FakeZone;
let env: Record<string, string>;

beforeEach(() => {
  dir = tempDir();
  zone = createFakeZone();
  env = { FIGURL_ZONE_URL: zone.baseUrl, KACHERY_CLOUD_DIR: join(dir.path, 'cache') };
});
afterEach(() => dir.cleanup());

function file(name: string, content: string | Buffer): string {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
}

describe('figurl store', () => {
  it('prints exactly one line sha1://<hash>?label=<basename> and uploads the bytes', async () => {
    const run = await runCli(['store', file('test.txt', 'test-content\n')], { fetch: zone.fetch, env });
    expect(run).toMatchObject({ code: 0, stdout: `sha1://${testHash}?label=test.txt\n`, stderr: '' });
    expect(Buffer.from(zone.bytes.get(testHash) ?? []).toString()).toBe('test-content\n');
  });

  it('quotes the label like urllib.parse.quote', async () => {
    const path = file('my file.txt', 'test-content\n');
    expect((await runCli(['store', path], { fetch: zone.fetch, env })).stdout).toBe(
      `sha1://${testHash}?label=my%20file.txt\n`,
    );
    const labelled = await runCli(['store', path, '--label', "fig (v2)/it's.json"], { fetch: zone.fetch, env });
    expect(labelled.stdout).toBe(`sha1://${testHash}?label=fig%20%28v2%29/it%27s.json\n`);
  });

  it('sends nothing when the zone already holds the bytes', async () => {
    zone.put('test-content\n');
    const run = await runCli(['kachery-cloud-store', file('a.txt', 'test-content\n')], { fetch: zone.fetch, env });
    expect(run.stdout).toBe(`sha1://${testHash}?label=a.txt\n`);
    expect(zone.requests.map((r) => r.method)).toEqual(['POST']);
  });

  it('fails with one line for a missing file or a directory', async () => {
    const missing = await runCli(['store', join(dir.path, 'nope.txt')], { fetch: zone.fetch, env });
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(`figurl: cannot store "${join(dir.path, 'nope.txt')}": no such file\n`);
    const directory = await runCli(['store', dir.path], { fetch: zone.fetch, env });
    expect(directory.stderr).toMatch(/^figurl: cannot store ".*": expected a regular file, not a directory\n$/);
  });
});

describe('figurl load / kachery-cloud-load', () => {
  it('prints the cache path in the kachery-cloud layout; accepts every sha1 URI form', async () => {
    zone.put('test-content\n');
    const cached = cachePathOf(env.KACHERY_CLOUD_DIR as string, testHash);
    for (const uri of [
      `sha1://${testHash}?label=x.txt`,
      `kachery::sha1:${testHash}:x.txt`,
      `kachery:default:sha1:${testHash}`,
    ]) {
      const run = await runCli(['load', uri], { fetch: zone.fetch, env });
      expect(run).toMatchObject({ code: 0, stdout: `${cached}\n`, stderr: '' });
    }
    expect(readFileSync(cached, 'utf8')).toBe('test-content\n');
    expect(zone.requests.filter((r) => r.url.includes('/sha1/'))).toHaveLength(1);
  });

  it('copies to --dest and prints the destination', async () => {
    zone.put('test-content\n');
    const dest = join(dir.path, 'out.txt');
    const run = await runCli(['kachery-cloud-load', `sha1://${testHash}`, '--dest', dest], { fetch: zone.fetch, env });
    expect(run).toMatchObject({ code: 0, stdout: `${dest}\n` });
    expect(readFileSync(dest, 'utf8')).toBe('test-content\n');
  });

  it('not found: figurl load fails with one line; kachery-cloud-load prints nothing and exits 0', async () => {
    const uri = `sha1://${testHash}`;
    expect(await runCli(['kachery-cloud-load', uri], { fetch: zone.fetch, env })).toMatchObject({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const run = await runCli(['load', uri], { fetch: zone.fetch, env });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(`figurl: "${uri}" not found: zone "default" at ${zone.baseUrl} does not hold it\n`);
  });
});

describe('figurl cat / kachery-cloud-cat', () => {
  it('writes the bytes to stdout unchanged', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 10, 13, 0]);
    const hash = zone.put(bytes);
    const run = await runCli(['kachery-cloud-cat', `sha1://${hash}`], { fetch: zone.fetch, env });
    expect(run.code).toBe(0);
    expect(run.stdoutBytes.equals(bytes)).toBe(true);
  });

  it('stops quietly with exit 0 when the reader goes away (EPIPE)', async () => {
    const hash = zone.put('x'.repeat(100_000));
    const closed = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const run = await runCli(['cat', `sha1://${hash}`], { fetch: zone.fetch, env, stdout: closed });
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('figurl info', () => {
  it('prints found, size, sha256 and createdAt as JSON indented by 4', async () => {
    zone.put('test-content\n');
    const blob = zone.info.get(testHash);
    const run = await runCli(['info', `sha1://${testHash}`], { fetch: zone.fetch, env });
    expect(run.stdout).toBe(
      `{\n    "found": true,\n    "size": 13,\n    "sha256": "${blob?.sha256}",\n    "createdAt": "${blob?.createdAt}"\n}\n`,
    );
    const missing = await runCli(['info', `sha1://${'0'.repeat(40)}`], { fetch: zone.fetch, env });
    expect(missing).toMatchObject({ code: 0, stdout: '{\n    "found": false\n}\n' });
  });
});

describe('errors and help', () => {
  it.each([
    [[], 'expected a command', 'usage: figurl <command> [options]'],
    [
      ['frobnicate'],
      'unknown command "frobnicate": expected store, load, cat, info, pin, unpin, pins, feed, figure, mutable or share',
      'usage: figurl <command>',
    ],
    [['store'], 'expected exactly one <file>, got none', 'usage: figurl store <file> [--label <label>]'],
    [['load', 'a', 'b'], 'expected exactly one <uri>, got "a" "b"', 'usage: figurl load <uri> [--dest <path>]'],
    [['cat', '--dest', 'x', 'sha1://y'], "Unknown option '--dest'", 'usage: figurl cat <uri>'],
    [['kachery-cloud-store', '--label'], "Option '--label <value>' argument missing", 'usage: kachery-cloud-store'],
  ])('usage error %j exits 2 with the message and a short usage', async (argv, message, usage) => {
    const run = await runCli(argv, { fetch: zone.fetch, env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe(`figurl: ${message}`);
    expect(lines[1]).toContain(usage);
    expect(lines.length).toBeLessThanOrEqual(4);
  });

  it.each([
    ['sha1://abc', 'invalid URI "sha1://abc": expected 40 lowercase hex characters after "sha1://"'],
    ['gh://o/r/main/f.json', 'invalid URI "gh://o/r/main/f.json": a gh URI names no sha1 hash'],
    ['ipfs://Qm', 'invalid URI "ipfs://Qm"'],
  ])('a bad URI %s fails with one line and exit 1', async (uri, start) => {
    for (const command of ['load', 'cat', 'info', 'kachery-cloud-load']) {
      const run = await runCli([command, uri], { fetch: zone.fetch, env });
      expect(run.code).toBe(1);
      expect(run.stderr.startsWith(`figurl: ${start}`)).toBe(true);
      expect(run.stderr.split('\n')).toHaveLength(2);
    }
    expect(zone.requests).toEqual([]);
  });

  it('prints help on stdout for figurl and for each command', async () => {
    for (const argv of [['--help'], ['-h'], ['help', 'store'], ['store', '--help'], ['kachery-cloud-load', '-h']]) {
      const run = await runCli(argv, { fetch: zone.fetch, env: { FIGURL_ZONE_URL: 'not a url' } });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^usage: /);
    }
    expect((await runCli(['info', '--help'], { fetch: zone.fetch, env })).stdout).toContain('usage: figurl info <uri>');
  });

  it('names a bad environment variable, and never echoes the token', async () => {
    const badUrl = await runCli(['info', `sha1://${testHash}`], {
      fetch: zone.fetch,
      env: { FIGURL_ZONE_URL: 'zone:4100' },
    });
    expect(badUrl).toMatchObject({ code: 1 });
    expect(badUrl.stderr).toBe(
      'figurl: invalid environment: FIGURL_ZONE_URL "zone:4100": expected an http:// or https:// URL\n',
    );
    const badToken = await runCli(['info', `sha1://${testHash}`], {
      fetch: zone.fetch,
      env: { ...env, FIGURL_TOKEN: 'se cret' },
    });
    expect(badToken.stderr).toMatch(/^figurl: invalid environment: FIGURL_TOKEN \(value not shown\)/);
    expect(badToken.stderr).not.toContain('se cret');
  });

  it('sends FIGURL_TOKEN, and suggests setting it when the zone asks for one', async () => {
    const guarded = createFakeZone({ token: 'tok' });
    const envOf = (token?: string) => ({
      ...env,
      FIGURL_ZONE_URL: guarded.baseUrl,
      ...(token ? { FIGURL_TOKEN: token } : {}),
    });
    expect((await runCli(['info', `sha1://${testHash}`], { fetch: guarded.fetch, env: envOf('tok') })).code).toBe(0);
    expect(guarded.requests[0]?.authorization).toBe('Bearer tok');
    const denied = await runCli(['info', `sha1://${testHash}`], { fetch: guarded.fetch, env: envOf() });
    expect(denied.stderr).toBe(
      `figurl: get blob failed: GET ${guarded.baseUrl}/api/v1/blobs/${testHash} answered HTTP 401: token required (set FIGURL_TOKEN)\n`,
    );
  });

  it('prints a stack trace only with --debug', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4100') });
    };
    const plain = await runCli(['info', `sha1://${testHash}`], { fetch, env: {} });
    expect(plain.stderr).toBe(
      `figurl: cannot reach the zone at http://127.0.0.1:4100/api/v1/blobs/${testHash}: connect ECONNREFUSED 127.0.0.1:4100\n`,
    );
    const debug = await runCli(['info', '--debug', `sha1://${testHash}`], { fetch, env: {} });
    expect(debug.code).toBe(1);
    expect(debug.stderr.split('\n').length).toBeGreaterThan(3);
    expect(debug.stderr).toMatch(/\n {4}at /);
  });
});

describe('progress bar', () => {
  const big = Buffer.alloc(5_000_000, 7);
  let tick = 0;
  const now = () => (tick += 40);

  it('draws on stderr for a transfer over 4 MB when stderr is a TTY, and clears it', async () => {
    const path = file('big.bin', big);
    const store = await runCli(['store', path], { fetch: zone.fetch, env, isTTY: true, now });
    expect(store.stdout).toMatch(/^sha1:\/\/[0-9a-f]{40}\?label=big\.bin\n$/);
    const erase = '\x1b[K';
    expect(store.stderr.split(erase)[0]).toMatch(/^\rhashing \[[#.]{24}\] +\d+\.\d\/5\.0 MB +\d+% [-\d.]+ MB\/s$/);
    expect(store.stderr).toContain('uploading [########################] 5.0/5.0 MB 100%');
    expect(store.stderr.endsWith('\r\x1b[K')).toBe(true);

    const load = await runCli(['load', store.stdout.trim()], { fetch: zone.fetch, env, isTTY: true, now });
    expect(load.stderr).toContain('downloading [########################] 5.0/5.0 MB 100%');
    expect(load.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(existsSync(load.stdout.trim())).toBe(true);
  });

  it('stays silent when stderr is not a TTY, or the transfer is small', async () => {
    const quiet = await runCli(['store', file('big.bin', big)], { fetch: zone.fetch, env, isTTY: false, now });
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    const small = await runCli(['store', file('small.bin', 'tiny')], { fetch: zone.fetch, env, isTTY: true, now });
    expect(small).toMatchObject({ code: 0, stderr: '' });
  });
});
