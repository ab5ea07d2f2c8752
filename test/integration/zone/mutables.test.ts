import { randomBytes } from 'node:crypto';
import { errorBodySchema, mutableHistorySchema, mutableInfoSchema, mutableSchema } from '@figurl/sdk';
import { hashToken } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * Mutables (docs/protocol.md §12) through app.inject: versions, compare-and-swap, create-only,
 * history, delete, the rights matrix, key grammar, the value limit and blob references.
 */

let open: TestZone;
let closed: TestZone;
const tokens: Record<string, string> = {};
const suffix = randomBytes(4).toString('hex');
/** The user id of a test user: unique per run, as tests share the database. */
const id = (name: string) => `${name}-${suffix}`;

beforeAll(async () => {
  open = await createTestZoneApp();
  closed = await createTestZoneApp({ open: false, publicDownload: false });
  const users = {
    alice: { canUpload: true, canDownload: true, isAdmin: false },
    bob: { canUpload: true, canDownload: true, isAdmin: false },
    carol: { canUpload: false, canDownload: true, isAdmin: false },
    dave: { canUpload: false, canDownload: false, isAdmin: true },
    // Uploads, but may not download: reading mutables needs the download right.
    uma: { canUpload: true, canDownload: false, isAdmin: false },
  };
  for (const [name, rights] of Object.entries(users)) {
    const userId = id(name);
    tokens[name] = await addToken(closed, userId, ['upload', 'download', 'admin']);
    await closed.context.identities.setMember({ zoneName: closed.zoneName, userId, ...rights });
    await open.context.identities.setMember({ zoneName: open.zoneName, userId, ...rights });
  }
  // Alice again, with a token that may only download.
  tokens.aliceDownloadOnly = await addToken(closed, id('alice'), ['download']);
});
afterAll(async () => {
  await open?.close();
  await closed?.close();
});

async function addToken(zone: TestZone, userId: string, scopes: string[]): Promise<string> {
  const token = `mt_${randomBytes(24).toString('hex')}`;
  await zone.context.identities.createToken({ userId, tokenHash: hashToken(token), label: 'mutables', scopes });
  return token;
}

let keyCounter = 0;
/** A fresh key per test, so tests share no state. */
const freshKey = (prefix = '@test') => `${prefix}/k${++keyCounter}-${randomBytes(3).toString('hex')}`;

function auth(as: string | undefined): Record<string, string> {
  return as === undefined ? {} : { authorization: `Bearer ${tokens[as]}` };
}

function query(zone: TestZone, key: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ zone: zone.zoneName, key, ...extra }).toString();
}

async function set(zone: TestZone, key: string, body: unknown, as?: string) {
  return zone.app.inject({
    method: 'PUT',
    url: `/api/v1/mutables?${query(zone, key)}`,
    headers: { 'content-type': 'application/json', ...auth(as) },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function get(zone: TestZone, key: string, as?: string) {
  return zone.app.inject({ method: 'GET', url: `/api/v1/mutables?${query(zone, key)}`, headers: auth(as) });
}

async function del(zone: TestZone, key: string, options: { ifVersion?: number; as?: string } = {}) {
  const extra = options.ifVersion === undefined ? {} : { ifVersion: String(options.ifVersion) };
  return zone.app.inject({
    method: 'DELETE',
    url: `/api/v1/mutables?${query(zone, key, extra)}`,
    headers: auth(options.as),
  });
}

async function history(zone: TestZone, key: string, extra: Record<string, string> = {}, as?: string) {
  return zone.app.inject({
    method: 'GET',
    url: `/api/v1/mutables/history?${query(zone, key, extra)}`,
    headers: auth(as),
  });
}

function expectError(res: { statusCode: number; body: string }, status: number, code: string, message?: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = errorBodySchema.parse(JSON.parse(res.body));
  expect(body.code).toBe(code);
  if (message !== undefined) expect(body.message).toBe(message);
  return body;
}

describe('set, get and versions', () => {
  it('creates at version 1 and counts up by one with each set; get answers the current value', async () => {
    const key = freshKey();
    const first = await set(open, key, { value: { n: 1, tags: ['a'] } });
    expect(first.statusCode, first.body).toBe(200);
    expect(mutableInfoSchema.parse(first.json())).toMatchObject({
      key,
      version: 1,
      ownerId: 'anonymous',
      writers: [],
      updatedBy: 'anonymous',
    });
    const second = await set(open, key, { value: 'two' });
    expect(second.json()).toMatchObject({ version: 2 });
    const read = await get(open, key);
    expect(read.statusCode).toBe(200);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(mutableSchema.parse(read.json())).toMatchObject({ key, version: 2, value: 'two', ownerId: 'anonymous' });
  });

  it('compare-and-swap: ifVersion = the current version succeeds; a stale one is CONFLICT and changes nothing', async () => {
    const key = freshKey();
    await set(open, key, { value: 10 });
    const swapped = await set(open, key, { value: 11, ifVersion: 1 });
    expect(swapped.json()).toMatchObject({ version: 2 });
    const stale = await set(open, key, { value: 99, ifVersion: 1 });
    expectError(
      stale,
      409,
      'CONFLICT',
      `conflict: mutable "${key}" in zone "${open.zoneName}" is at version 2: expected version 1; nothing was changed`,
    );
    const ahead = await set(open, key, { value: 99, ifVersion: 7 });
    expectError(ahead, 409, 'CONFLICT');
    expect((await get(open, key)).json()).toMatchObject({ version: 2, value: 11 });
    expect((await history(open, key)).json().versions.map((v: { value: unknown }) => v.value)).toEqual([10, 11]);
  });

  it('ifVersion on a mutable that does not exist is NOT_FOUND and creates nothing', async () => {
    const key = freshKey();
    expectError(
      await set(open, key, { value: 1, ifVersion: 1 }),
      404,
      'NOT_FOUND',
      `no mutable "${key}" in zone "${open.zoneName}"`,
    );
    expectError(await get(open, key), 404, 'NOT_FOUND');
  });

  it('create-only: creates once; a second create-only is CONFLICT and keeps the first value', async () => {
    const key = freshKey();
    expect((await set(open, key, { value: 'first', createOnly: true })).json()).toMatchObject({ version: 1 });
    expectError(
      await set(open, key, { value: 'second', createOnly: true }),
      409,
      'CONFLICT',
      `conflict: mutable "${key}" in zone "${open.zoneName}" already exists (version 1): expected none with createOnly; nothing was changed`,
    );
    expect((await get(open, key)).json()).toMatchObject({ version: 1, value: 'first' });
  });

  it('an unconditional set replaces whatever is there', async () => {
    const key = freshKey();
    await set(open, key, { value: [1] });
    await set(open, key, { value: [1, 2] });
    const third = await set(open, key, { value: { replaced: true } });
    expect(third.json()).toMatchObject({ version: 3 });
    expect((await get(open, key)).json().value).toEqual({ replaced: true });
  });

  it('keeps numbers as written and stores the value as canonical JSON (1.0, long integers, escapes)', async () => {
    const key = freshKey();
    const res = await set(
      open,
      key,
      '{"value": {"b": 12345678901234567890123, "a": 1.0, "s": "é😀", "n": [1e-5, null]}}',
    );
    expect(res.statusCode, res.body).toBe(200);
    const read = await get(open, key);
    expect(read.body).toContain(
      '"value":{"a":1.0,"b":12345678901234567890123,"n":[1e-05,null],"s":"\\u00e9\\ud83d\\ude00"}}',
    );
    const row = await open.prisma.mutable.findUnique({ where: { zoneName_key: { zoneName: open.zoneName, key } } });
    expect(row?.value).toBe('{"a":1.0,"b":12345678901234567890123,"n":[1e-05,null],"s":"\\u00e9\\ud83d\\ude00"}');
  });
});

describe('history and delete', () => {
  it('keeps every version with its author; pages with after/limit and next', async () => {
    const key = freshKey();
    for (let i = 1; i <= 5; i++) await set(open, key, { value: i * 10 });
    await set(closed, key, { value: 'not this zone' }, 'alice');
    const all = mutableHistorySchema.parse((await history(open, key)).json());
    expect(all.versions.map((v) => [v.version, v.value, v.author])).toEqual([
      [1, 10, 'anonymous'],
      [2, 20, 'anonymous'],
      [3, 30, 'anonymous'],
      [4, 40, 'anonymous'],
      [5, 50, 'anonymous'],
    ]);
    expect(all.next).toBeNull();
    const page1 = (await history(open, key, { limit: '2' })).json();
    expect(page1.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(page1.next).toBe(2);
    const page2 = (await history(open, key, { after: '2', limit: '3' })).json();
    expect(page2.versions.map((v: { version: number }) => v.version)).toEqual([3, 4, 5]);
    expect(page2.next).toBeNull();
    expect((await history(open, key, { after: '5' })).json()).toEqual({ key, versions: [], next: null });
    expectError(await history(open, freshKey()), 404, 'NOT_FOUND');
  });

  it('delete is a new version without a value: get is NOT_FOUND, the history keeps it, a second delete is NOT_FOUND', async () => {
    const key = freshKey();
    await set(open, key, { value: 'a' });
    await set(open, key, { value: 'b' });
    const deleted = await del(open, key);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ key, version: 3 });
    expectError(
      await get(open, key),
      404,
      'NOT_FOUND',
      `no mutable "${key}" in zone "${open.zoneName}": it was deleted at version 3`,
    );
    expect((await history(open, key)).json().versions.map((v: { value: unknown }) => v.value)).toEqual([
      'a',
      'b',
      null,
    ]);
    expectError(
      await del(open, key),
      404,
      'NOT_FOUND',
      `no mutable "${key}" in zone "${open.zoneName}": it was deleted at version 3`,
    );
    expectError(await del(open, freshKey()), 404, 'NOT_FOUND');
  });

  it('delete with ifVersion is a compare-and-swap too', async () => {
    const key = freshKey();
    await set(open, key, { value: 1 });
    await set(open, key, { value: 2 });
    expectError(await del(open, key, { ifVersion: 1 }), 409, 'CONFLICT');
    expect((await get(open, key)).json()).toMatchObject({ version: 2, value: 2 });
    expect((await del(open, key, { ifVersion: 2 })).json()).toMatchObject({ version: 3 });
  });

  it('after a delete, create-only and ifVersion sets continue the same version sequence', async () => {
    const key = freshKey();
    await set(open, key, { value: 'x' });
    await del(open, key);
    expect((await set(open, key, { value: 'again', createOnly: true })).json()).toMatchObject({ version: 3 });
    await del(open, key);
    expect((await set(open, key, { value: 'cas', ifVersion: 4 })).json()).toMatchObject({ version: 5 });
    expect((await history(open, key)).json().versions.map((v: { version: number }) => v.version)).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });
});

describe('concurrent writers (app.inject)', () => {
  it('of 20 create-only sets of one key exactly one succeeds; the others are CONFLICT', async () => {
    const key = freshKey();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => set(open, key, { value: i, createOnly: true })),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(19);
    expect((await history(open, key)).json().versions).toHaveLength(1);
  });

  it('of 20 compare-and-swaps on one version exactly one succeeds', async () => {
    const key = freshKey();
    await set(open, key, { value: 0 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => set(open, key, { value: i + 1, ifVersion: 1 })),
    );
    const winners = results.filter((r) => r.statusCode === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(19);
    expect((await get(open, key)).json()).toMatchObject({ version: 2 });
  });

  it('20 unconditional sets all succeed with versions 1..20, each written once', async () => {
    const key = freshKey();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => set(open, key, { value: i })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    expect(results.map((r) => r.json().version).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const values = (await history(open, key)).json().versions.map((v: { value: number }) => v.value);
    expect([...values].sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe('rights', () => {
  it('reading needs the download right: anyone in a public-download zone, members with it elsewhere', async () => {
    const key = freshKey();
    await set(open, key, { value: 'public' });
    expect((await get(open, key)).statusCode).toBe(200);
    expect((await history(open, key)).statusCode).toBe(200);

    await set(closed, key, { value: 'private' }, 'alice');
    expectError(await get(closed, key), 401, 'UNAUTHORIZED');
    expectError(await history(closed, key), 401, 'UNAUTHORIZED');
    expect((await get(closed, key, 'carol')).json()).toMatchObject({ value: 'private' });
    expect((await get(closed, key, 'dave')).statusCode).toBe(200);
    expectError(await get(closed, key, 'uma'), 403, 'FORBIDDEN');
    expectError(await history(closed, key, {}, 'uma'), 403, 'FORBIDDEN');
  });

  it('creating needs the upload right; the creator becomes the owner', async () => {
    const key = freshKey();
    expectError(await set(closed, key, { value: 1 }), 401, 'UNAUTHORIZED');
    expectError(
      await set(closed, key, { value: 1 }, 'carol'),
      403,
      'FORBIDDEN',
      `user "${id('carol')}" may not upload in zone "${closed.zoneName}": expected a zone admin to grant it`,
    );
    expectError(await set(closed, key, { value: 1, createOnly: true }, 'carol'), 403, 'FORBIDDEN');
    expectError(
      await set(closed, key, { value: 1 }, 'aliceDownloadOnly'),
      403,
      'FORBIDDEN',
      'this token may download: expected a token with scope "upload" to change mutables',
    );
    expect((await history(closed, key, {}, 'dave')).statusCode).toBe(404);
    const created = await set(closed, key, { value: 1 }, 'alice');
    expect(created.json()).toMatchObject({ version: 1, ownerId: id('alice'), updatedBy: id('alice') });
  });

  it('changing needs the owner, a writer, "*" with the upload right, or a zone admin', async () => {
    const key = freshKey();
    await set(closed, key, { value: 'v1' }, 'alice');
    expectError(
      await set(closed, key, { value: 'bob was here' }, 'bob'),
      403,
      'FORBIDDEN',
      `user "${id('bob')}" may not change mutable "${key}" in zone "${closed.zoneName}": expected its owner "${id('alice')}", one of its writers or a zone admin`,
    );
    expectError(await del(closed, key, { as: 'bob' }), 403, 'FORBIDDEN');
    expectError(
      await set(closed, key, { value: 'anon' }),
      401,
      'UNAUTHORIZED',
      `changing mutable "${key}" in zone "${closed.zoneName}" needs credentials: expected a bearer token of its owner "${id('alice')}", one of its writers or a zone admin`,
    );
    // A zone admin may change anything, even without the upload right of their own.
    expect((await set(closed, key, { value: 'by the admin' }, 'dave')).json()).toMatchObject({
      version: 2,
      updatedBy: id('dave'),
      ownerId: id('alice'),
    });

    // The owner names writers; a writer changes the value even without the upload right.
    const named = await set(closed, key, { value: 'v3', writers: [id('bob'), id('carol')] }, 'alice');
    expect(named.json()).toMatchObject({ version: 3, writers: [id('bob'), id('carol')] });
    expect((await set(closed, key, { value: 'by bob' }, 'bob')).json()).toMatchObject({ version: 4 });
    expect((await set(closed, key, { value: 'by carol', ifVersion: 4 }, 'carol')).json()).toMatchObject({
      version: 5,
      writers: [id('bob'), id('carol')],
    });
    expectError(await set(closed, key, { value: 'x' }, 'uma'), 403, 'FORBIDDEN');
    // ... but only the owner (or an admin) changes who the writers are.
    expectError(
      await set(closed, key, { value: 'v', writers: ['*'] }, 'bob'),
      403,
      'FORBIDDEN',
      `user "${id('bob')}" may not set the writers of mutable "${key}" in zone "${closed.zoneName}": expected its owner "${id('alice')}" or a zone admin`,
    );
    expect((await get(closed, key, 'carol')).json()).toMatchObject({ version: 5, value: 'by carol' });

    // "*": anyone who may upload; carol (no upload right) is no longer named.
    expect((await set(closed, key, { value: 'open', writers: ['*'] }, 'alice')).json()).toMatchObject({
      writers: ['*'],
    });
    expect((await set(closed, key, { value: 'by uma' }, 'uma')).json()).toMatchObject({ version: 7 });
    expectError(await set(closed, key, { value: 'by carol' }, 'carol'), 403, 'FORBIDDEN');
    expectError(await set(closed, key, { value: 'anon' }), 401, 'UNAUTHORIZED');
    expect((await set(closed, key, { value: 'admin sets writers', writers: [] }, 'dave')).json()).toMatchObject({
      writers: [],
    });
    expectError(await del(closed, key, { as: 'uma' }), 403, 'FORBIDDEN');
    expect((await del(closed, key, { as: 'alice' })).json()).toMatchObject({ version: 9 });
    // The owner keeps a deleted mutable: others may not take the key over.
    expectError(await set(closed, key, { value: 'mine now', createOnly: true }, 'bob'), 403, 'FORBIDDEN');
  });

  it('in an open zone, what nobody signed belongs to "anonymous"; a user\'s mutable is theirs', async () => {
    const key = freshKey();
    await set(open, key, { value: 1 });
    expect((await set(open, key, { value: 2 })).json()).toMatchObject({ version: 2, ownerId: 'anonymous' });
    expect((await del(open, key)).json()).toMatchObject({ version: 3 });

    const owned = freshKey();
    const token = await addToken(open, id('alice'), ['upload', 'download']);
    const created = await open.app.inject({
      method: 'PUT',
      url: `/api/v1/mutables?${query(open, owned)}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: { value: 'alice' },
    });
    expect(created.json()).toMatchObject({ ownerId: id('alice') });
    expectError(
      await set(open, owned, { value: 'anon' }),
      401,
      'UNAUTHORIZED',
      `changing mutable "${owned}" in zone "${open.zoneName}" needs credentials: expected a bearer token of its owner "${id('alice')}", one of its writers or a zone admin`,
    );
    expectError(await del(open, owned), 401, 'UNAUTHORIZED');
  });
});

describe('requests the zone refuses', () => {
  it.each([
    ['', 'expected a key like "@folder/name" or "name"'],
    ['a/b', 'expected every segment before the last to be a folder starting with "@", got "a"'],
    ['@a/@b', 'expected the last segment to be a name, not a folder starting with "@", got "@b"'],
    ['@a', 'expected the last segment to be a name, not a folder starting with "@", got "@a"'],
    ['@a//b', 'expected no empty segments (no leading, doubled or trailing "/")'],
    ['/b', 'expected no empty segments (no leading, doubled or trailing "/")'],
    ['@a/b/', 'expected no empty segments (no leading, doubled or trailing "/")'],
    ['@a/..', 'expected no "." or ".." segments'],
    ['@../b', 'expected no "." or ".." segments'],
    ['.', 'expected no "." or ".." segments'],
    ['@/b', 'expected a folder name after every "@", got "@"'],
    ['a b', 'expected letters, digits and . _ - ~ : + = , @ between the "/", got " "'],
    ['@a/\u0000', 'expected letters, digits and . _ - ~ : + = , @ between the "/", got "\\u0000"'],
    ['@a/é', 'expected letters, digits and . _ - ~ : + = , @ between the "/", got "é"'],
    ['x'.repeat(513), 'expected at most 512 characters, got 513'],
  ])('refuses the key %j with its rule', async (key, expectation) => {
    const quoted = JSON.stringify(key);
    const shown = quoted.length > 80 ? `${quoted.slice(0, 79)}…` : quoted;
    const message = `invalid mutable request: key ${shown}: ${expectation}`;
    expectError(await set(open, key, { value: 1 }), 400, 'INVALID_REQUEST', message);
    expectError(await get(open, key), 400, 'INVALID_REQUEST', message);
    expectError(await del(open, key), 400, 'INVALID_REQUEST', message);
    expectError(await history(open, key), 400, 'INVALID_REQUEST', message);
  });

  it('accepts keys at the limits of the grammar', async () => {
    for (const key of ['name', '@a/@b/@c/name', '@x.y/a~b:c+d=e,f@g-h_i.json', `@k/${'x'.repeat(509)}`]) {
      const res = await set(open, `${key}`, { value: key.length });
      expect(res.statusCode, `${key}: ${res.body}`).toBe(200);
    }
  });

  it('refuses a missing key, a repeated one and unknown query parameters', async () => {
    expectError(
      await open.app.inject({ method: 'GET', url: `/api/v1/mutables?zone=${open.zoneName}` }),
      400,
      'INVALID_REQUEST',
      'invalid mutable request: key missing: expected string',
    );
    expectError(
      await open.app.inject({ method: 'GET', url: `/api/v1/mutables?zone=${open.zoneName}&key=a&key=b` }),
      400,
      'INVALID_REQUEST',
    );
    expectError(
      await open.app.inject({ method: 'GET', url: `/api/v1/mutables?${query(open, 'a', { version: '1' })}` }),
      400,
      'INVALID_REQUEST',
      'invalid mutable request: unexpected field "version"',
    );
  });

  it('refuses bodies that are not a set request, naming the field', async () => {
    const key = freshKey();
    expectError(
      await set(open, key, { value: null }),
      400,
      'INVALID_REQUEST',
      'invalid set mutable request: value null: expected a JSON value other than null (a DELETE removes a mutable)',
    );
    expectError(
      await set(open, key, {}),
      400,
      'INVALID_REQUEST',
      'invalid set mutable request: value missing: expected a JSON value other than null (a DELETE removes a mutable)',
    );
    expectError(
      await set(open, key, { value: 1, ifVersion: 2, createOnly: true }),
      400,
      'INVALID_REQUEST',
      'invalid set mutable request: createOnly true: expected ifVersion or createOnly, not both',
    );
    expectError(
      await set(open, key, { value: 1, ifVersion: 0 }),
      400,
      'INVALID_REQUEST',
      'invalid set mutable request: ifVersion 0: expected a positive integer',
    );
    expectError(await set(open, key, '{"value": 1, "ifVersion": 1.0}'), 400, 'INVALID_REQUEST');
    expectError(
      await set(open, key, { value: 1, writers: ['has space'] }),
      400,
      'INVALID_REQUEST',
      'invalid set mutable request: writers.0 "has space": expected "*" or a user id (1 to 100 printable ASCII characters, no spaces)',
    );
    expectError(
      await set(open, key, { value: 1, force: true }),
      400,
      'INVALID_REQUEST',
      'invalid set mutable request: unexpected field "force"',
    );
    expectError(await set(open, key, '{"value": '), 400, 'INVALID_REQUEST');
    expectError(
      await open.app.inject({ method: 'PUT', url: `/api/v1/mutables?${query(open, key)}` }),
      400,
      'INVALID_REQUEST',
      'invalid set mutable request: expected a JSON body {"value": …} with Content-Type application/json',
    );
    expectError(
      await open.app.inject({
        method: 'DELETE',
        url: `/api/v1/mutables?${query(open, key, { ifVersion: 'x' })}`,
      }),
      400,
      'INVALID_REQUEST',
      'invalid mutable request: ifVersion "x": expected a positive integer',
    );
    expectError(await history(open, key, { limit: '1001' }), 400, 'INVALID_REQUEST');
    // Versions are PostgreSQL integers: a larger one is refused before it reaches a query.
    expectError(
      await history(open, key, { after: '2147483648' }),
      400,
      'INVALID_REQUEST',
      'invalid mutable request: after "2147483648": expected a version below 2^31',
    );
    expectError(await del(open, key, { ifVersion: 2147483648 }), 400, 'INVALID_REQUEST');
    expectError(await set(open, key, { value: 1, ifVersion: 2147483648 }), 400, 'INVALID_REQUEST');
    expectError(await get(open, key), 404, 'NOT_FOUND');
  });

  it('takes values up to 100,000 characters of canonical JSON; one more is 413 and nothing is stored', async () => {
    const key = freshKey();
    // A string of n characters is n + 2 characters of JSON (the quotes).
    expect((await set(open, key, { value: 'x'.repeat(99_998) })).statusCode).toBe(200);
    expectError(
      await set(open, key, { value: 'y'.repeat(99_999) }),
      413,
      'PAYLOAD_TOO_LARGE',
      `value of mutable "${key}" is 100001 characters of canonical JSON: expected at most 100000`,
    );
    // Canonical JSON escapes non-ASCII: 20,000 "é" are 40,000 bytes of UTF-8 but 120,002 characters.
    expectError(
      await set(open, key, { value: 'é'.repeat(20_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
      `value of mutable "${key}" is 120002 characters of canonical JSON: expected at most 100000`,
    );
    // Bodies beyond the zone's 1 MiB JSON limit never reach the route.
    expectError(await set(open, key, { value: 'z'.repeat(1_100_000) }), 413, 'PAYLOAD_TOO_LARGE');
    expect((await get(open, key)).json()).toMatchObject({ version: 1 });
    expect((await get(open, key)).json().value).toHaveLength(99_998);
  });
});

describe('blob references', () => {
  const hash = () => randomBytes(20).toString('hex');
  const refsOf = async (zone: TestZone, key: string) =>
    (
      await zone.prisma.blobRef.findMany({
        where: { kind: 'mutable', refId: `${zone.zoneName}/${key}` },
        select: { sha1: true },
      })
    )
      .map((r) => r.sha1)
      .sort();

  it('records the sha1 URIs of the current value, replaces them on each set and drops them on delete', async () => {
    const key = freshKey();
    const [a, b, c] = [hash(), hash(), hash()];
    await set(open, key, {
      value: { data: `sha1://${a}?label=x.json`, more: [`kachery:${open.zoneName}:sha1:${b}`], n: 1 },
    });
    expect(await refsOf(open, key)).toEqual([a, b].sort());
    await set(open, key, { value: { data: `sha1://${b}`, figure: `https://figurl.org/f?d=sha1://${c}&v=x` } });
    expect(await refsOf(open, key)).toEqual([b, c].sort());
    // A refused write leaves the references alone.
    await set(open, key, { value: `sha1://${a}`, ifVersion: 1 });
    expect(await refsOf(open, key)).toEqual([b, c].sort());
    await set(open, key, { value: 'no references' });
    expect(await refsOf(open, key)).toEqual([]);
    await set(open, key, { value: `sha1://${a}` });
    expect(await refsOf(open, key)).toEqual([a]);
    await del(open, key);
    expect(await refsOf(open, key)).toEqual([]);
  });

  it('waits for a collector that holds a referenced blob, so no reference commits beside its delete', async () => {
    const sha1 = hash();
    const sha256 = randomBytes(32).toString('hex');
    await open.prisma.$executeRaw`INSERT INTO blobs (sha1, sha256, size) VALUES (${sha1}, ${sha256}, 1)`;
    const key = freshKey();
    let releaseCollector = () => {};
    const collectorHolds = new Promise<void>((resolve) => {
      releaseCollector = resolve;
    });
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // The collector's step 2: the blob row locked FOR UPDATE, then deleted, in one transaction.
    const collector = open.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT sha1 FROM blobs WHERE sha1 = ${sha1} FOR UPDATE`;
      locked();
      await collectorHolds;
      await tx.$executeRaw`DELETE FROM blobs WHERE sha1 = ${sha1}`;
    });
    await isLocked;
    let settled = false;
    const write = set(open, key, { value: `sha1://${sha1}` }).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waited = !settled;
    releaseCollector();
    await collector;
    expect(waited, 'the set went ahead while the collector held the blob').toBe(true);
    expect((await write).statusCode).toBe(200);
    // The value may name blobs the zone does not store: the reference is kept all the same.
    expect(await refsOf(open, key)).toEqual([sha1]);
  });

  it('keeps the references of other mutables and other kinds apart', async () => {
    const [one, two] = [freshKey(), freshKey()];
    const shared = hash();
    await set(open, one, { value: `sha1://${shared}` });
    await set(open, two, { value: `sha1://${shared}` });
    await set(open, one, { value: 'none' });
    expect(await refsOf(open, one)).toEqual([]);
    expect(await refsOf(open, two)).toEqual([shared]);
  });
});

describe('content types', () => {
  it('refuses a body that is not application/json, naming the type', async () => {
    const res = await open.app.inject({
      method: 'PUT',
      url: `/api/v1/mutables?${query(open, freshKey())}`,
      headers: { 'content-type': 'text/plain' },
      payload: '{"value": 1}',
    });
    expectError(res, 400, 'INVALID_REQUEST', 'invalid Content-Type "text/plain": expected application/json');
    const charset = await open.app.inject({
      method: 'PUT',
      url: `/api/v1/mutables?${query(open, freshKey())}`,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: '{"value": "é"}',
    });
    expect(charset.statusCode, charset.body).toBe(200);
  });
});
