import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenUser, storeBlob, storeJson, type TestUser } from '../../support/figure-fixtures.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let zone: TestZone;
/** The zone's clock: tests move it to make figures expire. */
let clock = Date.now();
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  zone = await createTestZoneApp({ now: () => new Date(clock) });
  alice = await createTokenUser(zone);
  bob = await createTokenUser(zone);
});
afterAll(() => zone.close());

const view = 'gs://figurl/vegalite-2';

function register(body: Record<string, unknown>, user: TestUser | null = alice) {
  return zone.app.inject({
    method: 'POST',
    url: `/api/v1/figures?zone=${zone.zoneName}`,
    payload: body,
    headers: user?.headers ?? {},
  });
}

async function registered(body: Record<string, unknown>, user: TestUser | null = alice) {
  const res = await register(body, user);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().figure;
}

function list(query: string, user: TestUser | null = alice) {
  return zone.app.inject({
    method: 'GET',
    url: `/api/v1/figures?zone=${zone.zoneName}&${query}`,
    headers: user?.headers ?? {},
  });
}

function call(method: 'GET' | 'PATCH' | 'DELETE', id: string, user: TestUser | null, payload?: unknown) {
  return zone.app.inject({
    method,
    url: `/api/v1/figures/${id}?zone=${zone.zoneName}`,
    headers: user?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

const refsOf = async (id: string) =>
  (await zone.prisma.blobRef.findMany({ where: { kind: 'figure', refId: id }, select: { sha1: true } }))
    .map((r) => r.sha1)
    .sort();

describe('registering a figure', () => {
  it('records it for the token user with the data hash, GitHub context and a blob ref', async () => {
    const data = await storeJson(zone, { spec: { mark: 'bar' } });
    const commit = randomBytes(20).toString('hex');
    const res = await register({
      viewUri: view,
      dataUri: `sha1://${data}?label=data.json`,
      label: 'bar chart',
      repo: 'octo/lab',
      pullRequest: 7,
      commitSha: commit,
      checkName: 'figures',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { figure, blobRefs } = res.json();
    expect(figure).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      zone: zone.zoneName,
      viewUri: view,
      dataUri: `sha1://${data}?label=data.json`,
      dataSha1: data,
      label: 'bar chart',
      owner: alice.id,
      repo: 'octo/lab',
      pullRequest: 7,
      commitSha: commit,
      checkName: 'figures',
      pinned: false,
      private: false,
      allowedUsers: [],
      expiresAt: null,
      createdAt: new Date(clock).toISOString(),
    });
    expect(blobRefs).toEqual({ count: 1, complete: true });
    expect(await refsOf(figure.id)).toEqual([data]);
    const got = await call('GET', figure.id, null);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(figure);
  });

  it('takes kachery: data URIs, and non-sha1 data without any blob', async () => {
    const data = await storeBlob(zone, randomBytes(100));
    const kachery = await registered({ viewUri: view, dataUri: `kachery:${zone.zoneName}:sha1:${data}:x`, label: 'k' });
    expect(kachery.dataSha1).toBe(data);
    const gh = await registered({
      viewUri: 'npm://@fi-sci/figurl-sortingview@12/dist',
      dataUri: 'gh://o/r/main/c.json',
      label: 'gh',
    });
    expect(gh.dataSha1).toBeNull();
    expect(await refsOf(gh.id)).toEqual([]);
  });

  it('refuses a sha1 data blob the zone does not hold, unless told not to check', async () => {
    const absent = randomBytes(20).toString('hex');
    const res = await register({ viewUri: view, dataUri: `sha1://${absent}`, label: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(res.json().message).toBe(
      `no blob sha1://${absent} in this zone: expected the figure data to be stored first (figurl store <file>), or "requireData": false`,
    );
    const unchecked = await registered({ viewUri: view, dataUri: `sha1://${absent}`, label: 'x', requireData: false });
    expect(await refsOf(unchecked.id)).toEqual([absent]);
  });

  it('checks both URIs with the sdk parser and the kind each may be', async () => {
    const data = await storeBlob(zone, randomBytes(10));
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ viewUri: 'gs://Figurl/x', dataUri: `sha1://${data}` }, 'invalid URI "gs://Figurl/x"'],
      [{ viewUri: `sha1://${data}`, dataUri: `sha1://${data}` }, 'a sha1 URI; expected a plugin URI'],
      [{ viewUri: view, dataUri: 'gs://figurl/x' }, 'a gs URI; expected a data URI'],
      [{ viewUri: view, dataUri: 'ipfs://bafy' }, 'no longer supported'],
      [{ viewUri: view, dataUri: `sha1://${data.toUpperCase()}` }, 'invalid URI'],
    ];
    for (const [uris, message] of cases) {
      const res = await register({ ...uris, label: 'x' });
      expect(res.statusCode, JSON.stringify(uris)).toBe(400);
      expect(res.json().code).toBe('INVALID_URI');
      expect(res.json().message).toContain(message);
    }
  });

  it('refuses malformed fields with messages naming them', async () => {
    const data = await storeBlob(zone, randomBytes(10));
    const base = { viewUri: view, dataUri: `sha1://${data}`, label: 'x' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, repo: 'not a repo' }, 'repo "not a repo": expected a GitHub repository as "owner/name"'],
      [{ ...base, pullRequest: 3 }, 'expected "repo" with "pullRequest"'],
      [{ ...base, repo: 'o/r', pullRequest: 0 }, 'pullRequest 0'],
      [{ ...base, commitSha: 'abc' }, 'expected a commit SHA of 40 or 64 lowercase hex characters'],
      [{ ...base, label: '' }, 'expected a non-empty label'],
      [{ ...base, extra: 1 }, 'unexpected field "extra"'],
      [{ ...base, expiresAt: new Date(clock - 1000).toISOString() }, 'has passed'],
      [{ ...base, allowedUsers: ['a', 'a'] }, 'expected each user once'],
    ];
    for (const [body, message] of cases) {
      const res = await register(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().message).toContain(message);
    }
  });

  it("needs the zone's upload right, and a signed-in owner for a private figure", async () => {
    const closed = await createTestZoneApp({ open: false });
    try {
      const res = await closed.app.inject({
        method: 'POST',
        url: `/api/v1/figures?zone=${closed.zoneName}`,
        payload: { viewUri: view, dataUri: 'gh://o/r/main/c.json', label: 'x' },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await closed.close();
    }
    const anonymous = await register(
      { viewUri: view, dataUri: 'gh://o/r/main/c.json', label: 'x', private: true },
      null,
    );
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toContain('a private figure needs an owner who signs in');
    const open = await registered({ viewUri: view, dataUri: 'gh://o/r/main/c.json', label: 'x' }, null);
    expect(open.owner).toBe('anonymous');
  });
});

describe('blob refs', () => {
  it('records every sha1 URI reachable through JSON blobs, and removes them with the figure', async () => {
    const binary = await storeBlob(zone, randomBytes(2000));
    const missing = randomBytes(20).toString('hex');
    const leafJson = await storeJson(zone, { samples: `sha1://${binary}?label=s.bin` });
    const inner = await storeJson(zone, {
      views: [{ data: `kachery:${zone.zoneName}:sha1:${leafJson}:v.json` }],
      gone: `sha1://${missing}`,
    });
    const root = await storeJson(zone, { layout: { items: [`sha1://${inner}`, `sha1://${inner}`] } });
    const res = await register({ viewUri: view, dataUri: `sha1://${root}`, label: 'nested' });
    expect(res.statusCode).toBe(201);
    const { figure, blobRefs } = res.json();
    expect(blobRefs).toEqual({ count: 5, complete: true });
    expect(await refsOf(figure.id)).toEqual([binary, missing, leafJson, inner, root].sort());

    const deleted = await call('DELETE', figure.id, alice);
    expect(deleted.statusCode).toBe(200);
    expect(await refsOf(figure.id)).toEqual([]);
  });

  it('reads JSON carried by a data: URI, and does not read binary blobs as JSON', async () => {
    const target = await storeJson(zone, { a: 1 });
    const looksLikeRef = await storeBlob(
      zone,
      Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(`sha1://${target}`)]),
    );
    const inline = Buffer.from(JSON.stringify({ data: `sha1://${target}`, raw: `sha1://${looksLikeRef}` })).toString(
      'base64',
    );
    const figure = await registered({
      viewUri: view,
      dataUri: `data:application/json;base64,${inline}`,
      label: 'inline',
    });
    expect(await refsOf(figure.id)).toEqual([target, looksLikeRef].sort());
    const binaryRoot = await registered({ viewUri: view, dataUri: `sha1://${looksLikeRef}`, label: 'binary' });
    expect(await refsOf(binaryRoot.id)).toEqual([looksLikeRef]);
  });

  it('stops at the depth bound and says so', async () => {
    let hash = await storeBlob(zone, randomBytes(10));
    for (let i = 0; i < 9; i++) hash = await storeJson(zone, { next: `sha1://${hash}` });
    const res = await register({ viewUri: view, dataUri: `sha1://${hash}`, label: 'deep chain' });
    expect(res.statusCode).toBe(201);
    expect(res.json().blobRefs).toEqual({ count: 9, complete: false });
  });
});

describe('listing figures', () => {
  let owner: TestUser;
  const made: string[] = [];
  beforeAll(async () => {
    owner = await createTokenUser(zone);
    const data = await storeBlob(zone, randomBytes(50));
    const specs = [
      { label: 'Spike amplitudes', repo: 'octo/lab', pullRequest: 1 },
      { label: 'Unit 50% view', repo: 'octo/lab', pullRequest: 2 },
      { label: 'Units_a', repo: 'octo/lab', pullRequest: 2 },
      { label: 'UnitsXa 500', repo: 'octo/other', pullRequest: 2 },
      { label: 'amplitude histogram' },
    ];
    for (const spec of specs) {
      clock += 1000;
      made.push((await registered({ viewUri: view, dataUri: `sha1://${data}`, ...spec }, owner)).id);
    }
  });

  const ids = async (query: string, user: TestUser | null = alice) => {
    const res = await list(query, user);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().figures.map((f: { id: string }) => f.id);
  };

  it('filters by owner, repo, pull request and label, newest first', async () => {
    expect(await ids(`owner=${owner.id}`)).toEqual([...made].reverse());
    expect(await ids(`owner=${owner.id}&repo=octo/lab`)).toEqual([made[2], made[1], made[0]]);
    expect(await ids(`owner=${owner.id}&repo=octo/lab&pullRequest=2`)).toEqual([made[2], made[1]]);
    expect(await ids(`owner=${owner.id}&label=AMPLITUDE`)).toEqual([made[4], made[0]]);
    // % and _ are text, not patterns.
    expect(await ids(`owner=${owner.id}&label=${encodeURIComponent('50%')}`)).toEqual([made[1]]);
    expect(await ids(`owner=${owner.id}&label=s_a`)).toEqual([made[2]]);
  });

  it('pages with a cursor, every figure once', async () => {
    const first = (await list(`owner=${owner.id}&limit=2`)).json();
    expect(first.figures.map((f: { id: string }) => f.id)).toEqual([made[4], made[3]]);
    const second = (await list(`owner=${owner.id}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.figures.map((f: { id: string }) => f.id)).toEqual([made[2], made[1]]);
    const third = (await list(`owner=${owner.id}&limit=2&cursor=${second.nextCursor}`)).json();
    expect(third).toEqual({ figures: [expect.objectContaining({ id: made[0] })], nextCursor: null });
  });

  it('keeps figures created in the same millisecond apart', async () => {
    const twin = await createTokenUser(zone);
    const data = await storeBlob(zone, randomBytes(50));
    const same = [];
    for (let i = 0; i < 3; i++)
      same.push((await registered({ viewUri: view, dataUri: `sha1://${data}`, label: `t${i}` }, twin)).id);
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = (await list(`owner=${twin.id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.figures.map((f: { id: string }) => f.id));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(seen.sort()).toEqual(same.sort());
  });

  it('bounds the page size and refuses foreign cursors', async () => {
    const big = await list('limit=201');
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toContain('expected at most 200');
    const forged = await list(`cursor=${Buffer.from('yesterday').toString('base64url')}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().message).toContain('expected the nextCursor of a previous page');
    expect((await list('pullRequest=abc')).statusCode).toBe(400);
    // NUL never reaches PostgreSQL (found by fuzz-figure-routes).
    expect((await list('label=%00')).statusCode).toBe(400);
  });
});

describe('changing and deleting figures', () => {
  const make = async (user: TestUser = alice, extra: Record<string, unknown> = {}) => {
    // One millisecond apart, so newest-first has one answer.
    clock += 1;
    return registered({ viewUri: view, dataUri: 'gh://o/r/main/c.json', label: 'before', ...extra }, user);
  };

  it('lets the owner pin, relabel, set expiry and privacy', async () => {
    const figure = await make();
    const expiresAt = new Date(clock + 86_400_000).toISOString();
    const res = await call('PATCH', figure.id, alice, {
      pinned: true,
      label: 'after',
      expiresAt,
      private: true,
      allowedUsers: [bob.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      ...figure,
      pinned: true,
      label: 'after',
      expiresAt,
      private: true,
      allowedUsers: [bob.id],
    });
    const cleared = await call('PATCH', figure.id, alice, { expiresAt: null });
    expect(cleared.json()).toMatchObject({ expiresAt: null, label: 'after', pinned: true });
    expect((await call('PATCH', figure.id, alice, {})).statusCode).toBe(400);
  });

  it('refuses everyone but the owner', async () => {
    const figure = await make();
    const byBob = await call('PATCH', figure.id, bob, { label: 'mine now' });
    expect(byBob.statusCode).toBe(403);
    expect(byBob.json().message).toContain(
      `figure ${figure.id} belongs to "${alice.id}": only its owner or a zone admin (with an admin token) may change or delete it`,
    );
    expect((await call('DELETE', figure.id, bob)).statusCode).toBe(403);
    // Anonymous may upload to this open zone, but owns nothing of alice's.
    expect((await call('DELETE', figure.id, null)).statusCode).toBe(403);
    expect((await call('GET', figure.id, null)).json().label).toBe('before');
  });

  it('lets a zone admin with an admin token pin anyone’s figure (the GitHub App’s /figurl pin), not with a narrower token', async () => {
    const figure = await make();
    const admin = await createTokenUser(zone, { scopes: ['admin'] });
    const adminUploadOnly: TestUser = { ...(await createTokenUser(zone, { id: admin.id, scopes: ['upload'] })) };
    await zone.context.identities.setMember({
      zoneName: zone.zoneName,
      userId: admin.id,
      canUpload: true,
      canDownload: true,
      isAdmin: true,
    });
    const narrow = await call('PATCH', figure.id, adminUploadOnly, { pinned: true });
    expect(narrow.statusCode, narrow.body).toBe(403);
    const pinned = await call('PATCH', figure.id, admin, { pinned: true });
    expect(pinned.statusCode, pinned.body).toBe(200);
    expect(pinned.json()).toMatchObject({ id: figure.id, owner: alice.id, pinned: true });
  });

  it('soft-deletes: gone from get and list, the row kept with deleted_at', async () => {
    const figure = await make();
    const res = await call('DELETE', figure.id, alice);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: figure.id, deletedAt: new Date(clock).toISOString() });
    expect((await call('GET', figure.id, alice)).statusCode).toBe(404);
    expect((await call('DELETE', figure.id, alice)).statusCode).toBe(404);
    expect(
      await (async () => (await list(`owner=${alice.id}&limit=200`)).json().figures.map((f: { id: string }) => f.id))(),
    ).not.toContain(figure.id);
    const row = await zone.prisma.figure.findUnique({ where: { id: figure.id }, select: { deletedAt: true } });
    expect(row?.deletedAt).toEqual(new Date(clock));
  });

  it('hides private figures from others, and expired figures from lists unless pinned', async () => {
    const carol = await createTokenUser(zone);
    const secret = await make(carol, { private: true, allowedUsers: [bob.id] });
    expect((await call('GET', secret.id, alice)).statusCode).toBe(404);
    expect((await call('GET', secret.id, null)).statusCode).toBe(404);
    expect((await call('GET', secret.id, bob)).statusCode).toBe(200);
    const listed = async (user: TestUser | null) =>
      (await list(`owner=${carol.id}`, user)).json().figures.map((f: { id: string }) => f.id);
    expect(await listed(alice)).toEqual([]);
    expect(await listed(bob)).toEqual([secret.id]);
    expect(await listed(carol)).toEqual([secret.id]);

    const soon = new Date(clock + 60_000).toISOString();
    const fleeting = await make(carol, { expiresAt: soon, label: 'fleeting' });
    const kept = await make(carol, { expiresAt: soon, pinned: true, label: 'kept' });
    expect(await listed(carol)).toEqual([kept.id, fleeting.id, secret.id]);
    clock += 120_000;
    expect(await listed(carol)).toEqual([kept.id, secret.id]);
    expect((await call('GET', fleeting.id, carol)).json().expiresAt).toBe(soon);
    const renewed = await call('PATCH', fleeting.id, carol, { expiresAt: new Date(clock + 60_000).toISOString() });
    expect(renewed.statusCode).toBe(200);
    expect(await listed(carol)).toEqual([kept.id, fleeting.id, secret.id]);
    expect((await call('PATCH', fleeting.id, carol, { expiresAt: new Date(clock - 1).toISOString() })).statusCode).toBe(
      400,
    );
  });

  it('answers 404 for unknown ids and figures of another zone, 400 for malformed ids', async () => {
    const figure = await make();
    expect((await call('GET', '00000000-0000-4000-8000-000000000000', alice)).statusCode).toBe(404);
    const other = await zone.app.inject({ method: 'GET', url: `/api/v1/figures/${figure.id}?zone=default` });
    expect(other.statusCode).toBe(404);
    expect((await call('GET', 'not-a-uuid', alice)).statusCode).toBe(400);
  });
});
