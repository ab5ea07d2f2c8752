import type { ZoneFetch } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/*
 * What `figurl mutable set` sends and how `get` prints, against a fetch that records each
 * request and answers as docs/protocol.md §12 says the zone does (PUT → the info; GET → the
 * info with the stored canonical value spliced in).
 */
const info = {
  key: '@a/b',
  version: 7,
  ownerId: 'anonymous',
  writers: [],
  updatedBy: 'anonymous',
  createdAt: '2026-11-21T00:00:00.000Z',
  updatedAt: '2026-11-21T00:00:00.000Z',
};

function fakeZone(storedValue = '"x"') {
  const requests: Array<{ method: string; url: URL; body: string | undefined }> = [];
  const fetch: ZoneFetch = async (url, init) => {
    const body = typeof init?.body === 'string' ? init.body : undefined;
    requests.push({ method: init?.method ?? 'GET', url: new URL(url), body });
    const text =
      init?.method === 'PUT' ? JSON.stringify(info) : `${JSON.stringify(info).slice(0, -1)},"value":${storedValue}}`;
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, requests };
}

const env = { FIGURL_ZONE_URL: 'http://zone.test:4100', KACHERY_ZONE: 'lab' };

describe('figurl mutable set: how <value> is read', () => {
  it.each([
    [['42'], '{"value":42}'],
    [['1.0'], '{"value":1.0}'],
    [['12345678901234567890'], '{"value":12345678901234567890}'],
    [['{"b": 1, "a": [true, null]}'], '{"value":{"a":[true,null],"b":1}}'],
    [['"quoted"'], '{"value":"quoted"}'],
    [['hello world'], '{"value":"hello world"}'],
    [['{not json'], '{"value":"{not json"}'],
    [['42', '--string'], '{"value":"42"}'],
    [['null', '--string'], '{"value":"null"}'],
    [['é'], '{"value":"\\u00e9"}'],
    [['1', '--if-version', '3'], '{"ifVersion":3,"value":1}'],
    [['1', '--create-only'], '{"createOnly":true,"value":1}'],
    [['1', '--writers', 'alice, bob,,*'], '{"value":1,"writers":["alice","bob","*"]}'],
  ])('set @a/b %j sends %s and prints the new version', async (args, body) => {
    const zone = fakeZone();
    const run = await runCli(['mutable', 'set', '@a/b', ...args], { fetch: zone.fetch, env });
    expect(run).toMatchObject({ code: 0, stdout: '7\n', stderr: '' });
    expect(zone.requests).toHaveLength(1);
    const [request] = zone.requests;
    expect(request?.method).toBe('PUT');
    expect(request?.url.href).toBe('http://zone.test:4100/api/v1/mutables?zone=lab&key=%40a%2Fb');
    expect(request?.body).toBe(body);
  });
});

describe('figurl mutable get: how the value is printed', () => {
  it.each([
    ['"plain text"', [], 'plain text\n'],
    ['"plain text"', ['--json'], '"plain text"\n'],
    ['"\\u00e9"', [], 'é\n'],
    ['{"a":1.0,"b":[12345678901234567890]}', [], '{"a":1.0,"b":[12345678901234567890]}\n'],
    ['42', ['--json'], '42\n'],
  ])('stored %s, get %j prints %j', async (stored, args, printed) => {
    const zone = fakeZone(stored);
    const run = await runCli(['mutable', 'get', '@a/b', ...args], { fetch: zone.fetch, env });
    expect(run).toMatchObject({ code: 0, stdout: printed, stderr: '' });
    expect(zone.requests.map((r) => `${r.method} ${r.url.pathname}${r.url.search}`)).toEqual([
      'GET /api/v1/mutables?zone=lab&key=%40a%2Fb',
    ]);
  });

  it('--meta prints the info and the value on one line', async () => {
    const run = await runCli(['mutable', 'get', '@a/b', '--meta'], { fetch: fakeZone('[1.5]').fetch, env });
    expect(run.stdout).toBe(`${JSON.stringify(info).slice(0, -1)},"value":[1.5]}\n`);
  });

  it('sends nothing for a key outside the grammar', async () => {
    const zone = fakeZone();
    const run = await runCli(['mutable', 'history', '@a/@b'], { fetch: zone.fetch, env });
    expect(run).toMatchObject({
      code: 1,
      stderr:
        'figurl: invalid mutable key "@a/@b": expected the last segment to be a name, not a folder starting with "@", got "@b"\n',
    });
    expect(zone.requests).toEqual([]);
  });

  it('lists the mutable commands in the general help', async () => {
    const run = await runCli(['--help'], { fetch: fakeZone().fetch, env });
    for (const command of [
      'mutable get <key>',
      'mutable set <key> <value>',
      'mutable history <key>',
      'mutable delete <key>',
    ]) {
      expect(run.stdout).toContain(command);
    }
    const group = await runCli(['mutable', '--help'], { fetch: fakeZone().fetch, env });
    expect(group.stdout).toMatch(/^usage: figurl mutable <command> \[options\]\n\ncommands:\n {2}figurl mutable get/);
  });
});
