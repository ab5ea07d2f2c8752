import { randomBytes } from 'node:crypto';
import { hashToken } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';
import { runCli } from '../../unit/cli/run-cli.js';

/*
 * `figurl mutable get|set|history|delete` against a real zone on 127.0.0.1: what a user sees on
 * stdout and stderr, and the exit codes.
 */
let zone: TestZone;
let env: Record<string, string>;
beforeAll(async () => {
  zone = await createTestZoneApp({ publicUrl: undefined });
  env = { FIGURL_ZONE_URL: await zone.app.listen({ host: '127.0.0.1', port: 0 }), KACHERY_ZONE: zone.zoneName };
});
afterAll(() => zone?.close());

const figurl = (...argv: string[]) => runCli(argv, { fetch: globalThis.fetch, env });
const freshKey = () => `@cli/${randomBytes(4).toString('hex')}`;

describe('figurl mutable set / get', () => {
  it('prints the new version; get prints a string raw and anything else as compact JSON', async () => {
    const key = freshKey();
    expect(await figurl('mutable', 'set', key, 'hello world')).toMatchObject({ code: 0, stdout: '1\n', stderr: '' });
    expect(await figurl('mutable', 'get', key)).toMatchObject({ code: 0, stdout: 'hello world\n', stderr: '' });
    expect((await figurl('mutable', 'get', key, '--json')).stdout).toBe('"hello world"\n');

    expect((await figurl('mutable', 'set', key, '{"b": [1, 2.0, true], "a": "x"}')).stdout).toBe('2\n');
    expect((await figurl('mutable', 'get', key)).stdout).toBe('{"a":"x","b":[1,2.0,true]}\n');

    expect((await figurl('mutable', 'set', key, '42')).stdout).toBe('3\n');
    expect((await figurl('mutable', 'get', key)).stdout).toBe('42\n');
    expect((await figurl('mutable', 'set', key, '42', '--string')).stdout).toBe('4\n');
    expect((await figurl('mutable', 'get', key, '--json')).stdout).toBe('"42"\n');
    expect((await figurl('mutable', 'set', key, '--', '-12345678901234567890')).stdout).toBe('5\n');
    expect((await figurl('mutable', 'get', key)).stdout).toBe('-12345678901234567890\n');
  });

  it('get --meta prints the version, owner and writers with the value', async () => {
    const key = freshKey();
    await figurl('mutable', 'set', key, '[1]');
    const meta = JSON.parse((await figurl('mutable', 'get', key, '--meta')).stdout);
    expect(meta).toMatchObject({ key, version: 1, ownerId: 'anonymous', writers: [], value: [1] });
  });

  it('a stale --if-version exits 1 with the CONFLICT and changes nothing; the current one succeeds', async () => {
    const key = freshKey();
    await figurl('mutable', 'set', key, '1');
    await figurl('mutable', 'set', key, '2');
    const stale = await figurl('mutable', 'set', key, '3', '--if-version', '1');
    expect(stale).toMatchObject({ code: 1, stdout: '' });
    expect(stale.stderr).toMatch(
      new RegExp(
        `^figurl: set mutable failed: PUT http://127\\.0\\.0\\.1:\\d+/api/v1/mutables\\?… answered HTTP 409: conflict: mutable "${key}" in zone "${zone.zoneName}" is at version 2: expected version 1; nothing was changed\\n$`,
      ),
    );
    expect((await figurl('mutable', 'get', key)).stdout).toBe('2\n');
    expect(await figurl('mutable', 'set', key, '3', '--if-version', '2')).toMatchObject({ code: 0, stdout: '3\n' });
  });

  it('--create-only creates once, then exits 1 with a CONFLICT', async () => {
    const key = freshKey();
    expect((await figurl('mutable', 'set', key, 'first', '--create-only')).stdout).toBe('1\n');
    const again = await figurl('mutable', 'set', key, 'second', '--create-only');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`HTTP 409: conflict: mutable "${key}" in zone "${zone.zoneName}" already exists`);
    expect((await figurl('mutable', 'get', key)).stdout).toBe('first\n');
  });

  it('get of a missing key exits 1 with one line naming it', async () => {
    const key = freshKey();
    const missing = await figurl('mutable', 'get', key);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(
      new RegExp(
        `^figurl: get mutable failed: GET .* answered HTTP 404: no mutable "${key}" in zone "${zone.zoneName}"\\n$`,
      ),
    );
  });

  it('refuses a bad key before sending anything, quoting it and the rule', async () => {
    const run = await figurl('mutable', 'get', 'folder/name');
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'figurl: invalid mutable key "folder/name": expected every segment before the last to be a folder starting with "@", got "folder"\n',
    });
  });

  it('usage errors exit 2: both conditions, a bad version, JSON null', async () => {
    const key = freshKey();
    const both = await figurl('mutable', 'set', key, '1', '--if-version', '1', '--create-only');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^figurl: expected --if-version or --create-only, not both\nusage: figurl mutable set/);
    const badVersion = await figurl('mutable', 'delete', key, '--if-version', 'latest');
    expect(badVersion.code).toBe(2);
    expect(badVersion.stderr).toMatch(/^figurl: invalid --if-version "latest": expected a version number/);
    const nullValue = await figurl('mutable', 'set', key, 'null');
    expect(nullValue.code).toBe(2);
    expect(nullValue.stderr).toContain('invalid <value> null: expected a value other than JSON null');
    expect((await figurl('mutable', 'set', key)).code).toBe(2);
  });
});

describe('figurl mutable history / delete', () => {
  it('prints one JSON line per version; delete prints its version and get then fails', async () => {
    const key = freshKey();
    await figurl('mutable', 'set', key, 'a');
    await figurl('mutable', 'set', key, '{"n":1.0}');
    expect(await figurl('mutable', 'delete', key)).toMatchObject({ code: 0, stdout: '3\n' });
    const lines = (await figurl('mutable', 'history', key)).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { version: 1, value: 'a', author: 'anonymous' },
      { version: 2, value: { n: 1 }, author: 'anonymous' },
      { version: 3, value: null, author: 'anonymous' },
    ]);
    expect(lines[1]).toMatch(/^\{"version":2,"value":\{"n":1\.0\},"author":"anonymous","createdAt":"[^"]+"\}$/);
    const gone = await figurl('mutable', 'get', key);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`no mutable "${key}" in zone "${zone.zoneName}": it was deleted at version 3`);
  });

  it('pages through a long history (more than one page of 1000)', async () => {
    const key = freshKey();
    const count = 1005;
    // Rows made directly: 1,005 sets through HTTP would only slow the test down.
    await zone.prisma.mutable.create({
      data: {
        zoneName: zone.zoneName,
        key,
        version: count,
        value: String(count - 1),
        ownerId: 'seed',
        updatedBy: 'seed',
      },
    });
    await zone.prisma.mutableVersion.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        zoneName: zone.zoneName,
        key,
        version: i + 1,
        value: String(i),
        author: 'seed',
      })),
    });
    const lines = (await figurl('mutable', 'history', key)).stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).value)).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('delete --if-version: stale is CONFLICT (exit 1), current deletes', async () => {
    const key = freshKey();
    await figurl('mutable', 'set', key, 'x');
    await figurl('mutable', 'set', key, 'y');
    const stale = await figurl('mutable', 'delete', key, '--if-version', '1');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('answered HTTP 409: conflict:');
    expect(await figurl('mutable', 'delete', key, '--if-version', '2')).toMatchObject({ code: 0, stdout: '3\n' });
  });

  it('without the right token, says to set FIGURL_TOKEN; with it, sets', async () => {
    const closed = await createTestZoneApp({ open: false, publicUrl: undefined });
    try {
      const url = await closed.app.listen({ host: '127.0.0.1', port: 0 });
      const closedEnv = { FIGURL_ZONE_URL: url, KACHERY_ZONE: closed.zoneName };
      const key = freshKey();
      const denied = await runCli(['mutable', 'set', key, '1'], { fetch: globalThis.fetch, env: closedEnv });
      expect(denied.code).toBe(1);
      expect(denied.stderr).toMatch(/HTTP 401: upload in zone ".*" needs credentials: .* \(set FIGURL_TOKEN\)\n$/);
      const userId = `cli-${randomBytes(4).toString('hex')}`;
      const token = `mt_${randomBytes(24).toString('hex')}`;
      await closed.context.identities.createToken({
        userId,
        tokenHash: hashToken(token),
        label: 't',
        scopes: ['upload'],
      });
      await closed.context.identities.setMember({
        zoneName: closed.zoneName,
        userId,
        canUpload: true,
        canDownload: true,
        isAdmin: false,
      });
      const run = await runCli(['mutable', 'set', key, '1', '--writers', 'bob, *'], {
        fetch: globalThis.fetch,
        env: { ...closedEnv, FIGURL_TOKEN: token },
      });
      expect(run).toMatchObject({ code: 0, stdout: '1\n' });
      const row = await closed.prisma.mutable.findUnique({
        where: { zoneName_key: { zoneName: closed.zoneName, key } },
        select: { ownerId: true, writers: true },
      });
      expect(row).toEqual({ ownerId: userId, writers: ['bob', '*'] });
    } finally {
      await closed.close();
    }
  });
});
