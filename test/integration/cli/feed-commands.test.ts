import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';
import { runCli } from '../../unit/cli/run-cli.js';

let zone: TestZone;
let env: Record<string, string>;

beforeAll(async () => {
  zone = await createTestZoneApp();
  const url = await zone.app.listen({ host: '127.0.0.1', port: 0 });
  env = { FIGURL_ZONE_URL: url, KACHERY_ZONE: zone.zoneName };
});
afterAll(() => zone?.close());

const figurl = (argv: string[]) => runCli(argv, { fetch, env });

describe('figurl feed', () => {
  test('create, append, read, info and delete print what the README shows', async () => {
    const created = await figurl(['feed', 'create', '--label', 'sweep']);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const feedId = created.stdout.trim();
    expect(feedId).toMatch(/^[a-z]{12}$/);

    const appended = await figurl(['feed', 'append', feedId, '{"step":1,"loss":0.5}', '"done"', '--', '-1']);
    expect(appended).toMatchObject({ code: 0, stdout: '0\n1\n2\n', stderr: '' });

    const read = await figurl(['feed', 'read', feedId]);
    expect(read.code).toBe(0);
    const lines = read.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((m) => [m.seq, m.author, m.message])).toEqual([
      [0, 'anonymous', { loss: 0.5, step: 1 }],
      [1, 'anonymous', 'done'],
      [2, 'anonymous', -1],
    ]);
    expect(lines[1].previousHash).toBe(lines[0].hash);
    expect(Object.keys(lines[0])).toEqual(['seq', 'author', 'timestamp', 'message', 'previousHash', 'hash']);
    expect((await figurl(['feed', 'read', feedId, '--from', '2'])).stdout).toMatch(/^\{"seq":2,/);
    expect((await figurl(['feed', 'read', feedId, '--limit', '1'])).stdout.trim().split('\n')).toHaveLength(1);

    const info = JSON.parse((await figurl(['feed', 'info', feedId])).stdout);
    expect(info).toMatchObject({ feedId, label: 'sweep', messageCount: 3, headHash: lines[2].hash });

    expect(await figurl(['feed', 'delete', feedId])).toMatchObject({ code: 0, stdout: '' });
    const gone = await figurl(['feed', 'read', feedId]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(new RegExp(`^figurl: .*no feed ${feedId}`));
  });

  test('a stale --previous-hash exits 1 with CONFLICT and appends nothing; bad JSON is a usage error', async () => {
    const feedId = (await figurl(['feed', 'create'])).stdout.trim();
    await figurl(['feed', 'append', feedId, '1']);
    const stale = await figurl(['feed', 'append', feedId, '2', '--previous-hash', 'null']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^figurl: .*has moved on: previousHash null is not its head/);
    const notJson = await figurl(['feed', 'append', feedId, 'done']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain(`message 1 "done" is not JSON: expected a JSON value (quote a string: '"done"')`);
    expect((await figurl(['feed', 'read', feedId])).stdout.trim().split('\n')).toHaveLength(1);
    const missing = await figurl(['feed', 'append', feedId]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('expected <feedId> <json>... (at least 2 operands), got');
  });

  test('watch prints existing then new messages until interrupted', async () => {
    const feedId = (await figurl(['feed', 'create'])).stdout.trim();
    await figurl(['feed', 'append', feedId, '"first"']);
    const interrupt = new AbortController();
    const seen: string[] = [];
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        seen.push(...chunk.toString().trimEnd().split('\n'));
        if (seen.length >= 3) interrupt.abort();
        callback();
      },
    });
    const watching = runCli(['feed', 'watch', feedId], { fetch, env, stdout, signal: interrupt.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await figurl(['feed', 'append', feedId, '"second"']);
    await figurl(['feed', 'append', feedId, '"third"']);
    const result = await watching;
    expect(result.code).toBe(0);
    expect(seen.map((line) => JSON.parse(line).message)).toEqual(['first', 'second', 'third']);
  });
});
