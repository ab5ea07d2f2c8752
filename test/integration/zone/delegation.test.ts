import { randomBytes } from 'node:crypto';
import { uniqueId } from '@figurl/prisma';
import {
  createCurationClient,
  createFeedClient,
  createFigureClient,
  createMutableClient,
  createZoneClient,
} from '@figurl/sdk';
import { hashToken, runZoneCommand } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabaseUrl } from '../../support/database.js';
import { rejection } from '../../support/rejection.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * `x-figurl-acting-for` (docs/protocol.md §5): a token of scope `delegate` (the shell's) acts for
 * the user the header names, who is then authorized and recorded as the author; anything else
 * sending the header is refused.
 */

let open: TestZone;
let closed: TestZone;
let openUrl: string;
let closedUrl: string;

beforeAll(async () => {
  [open, closed] = await Promise.all([createTestZoneApp(), createTestZoneApp({ open: false })]);
  [openUrl, closedUrl] = await Promise.all([
    open.app.listen({ host: '127.0.0.1', port: 0 }),
    closed.app.listen({ host: '127.0.0.1', port: 0 }),
  ]);
});
afterAll(async () => {
  await Promise.all([open?.close(), closed?.close()]);
});

const login = (name: string) => uniqueId(name).slice(0, 30);

async function tokenFor(zone: TestZone, userId: string, scopes: string[]): Promise<string> {
  const token = `fzt_${randomBytes(16).toString('hex')}`;
  await zone.context.identities.createToken({ userId, tokenHash: hashToken(token), label: 't', scopes });
  return token;
}

function connection(url: string, zone: TestZone, options: { token?: string; actingFor?: string } = {}) {
  return createZoneClient({ baseUrl: url, fetch, zone: zone.zoneName, ...options }).connection;
}

describe('a delegate token acting for users', () => {
  it('creates and curates as each user: owner and every action attributed to them, not to the service', async () => {
    const [service, alice, bob] = [login('shell'), login('alice'), login('bob')];
    const token = await tokenFor(open, service, ['upload', 'download', 'delegate']);
    const asAlice = createCurationClient(connection(openUrl, open, { token, actingFor: alice }));
    const asBob = createCurationClient(connection(openUrl, open, { token, actingFor: bob }));

    const created = await asAlice.create({ editors: ['*'], initial: { labelsByUnit: { '1': ['noise'] } } });
    expect(created.owner).toBe(alice);
    await asBob.act(created.curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 2, label: 'accept' }]);
    await asAlice.act(created.curationId, [{ type: 'MERGE_UNITS', unitIds: [1, 2] }]);

    const page = await asBob.readActions(created.curationId);
    expect(page.actions.map((a) => [a.seq, a.author, a.action.type])).toEqual([
      [0, alice, 'SET_CURATION'],
      [1, bob, 'ADD_UNIT_LABEL'],
      [2, alice, 'MERGE_UNITS'],
    ]);
    expect(page.version).toBe(3);
    // Without the header the token is its owner's, as before.
    const plain = createFeedClient(connection(openUrl, open, { token }));
    const feed = await plain.create({ label: 'service feed' });
    expect(feed.owner).toBe(service);
    await plain.append(feed.feedId, [{ message: { step: 1 } }]);
    expect((await plain.read(feed.feedId)).messages[0]?.author).toBe(service);
  });

  it('gives the user their own rights in a closed zone, within the token scopes', async () => {
    const [service, member, stranger] = [login('shell'), login('member'), login('stranger')];
    await closed.context.identities.setMember({
      zoneName: closed.zoneName,
      userId: member,
      canUpload: true,
      canDownload: true,
      isAdmin: false,
    });
    const token = await tokenFor(closed, service, ['upload', 'download', 'delegate']);
    const asMember = createCurationClient(connection(closedUrl, closed, { token, actingFor: member }));
    const { curationId, owner } = await asMember.create({ editors: [member] });
    expect(owner).toBe(member);

    // The service itself has no rights here; the stranger neither: vouching adds none.
    const asStranger = createCurationClient(connection(closedUrl, closed, { token, actingFor: stranger }));
    const refused = await rejection(asStranger.create());
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain(`user "${stranger}" may not upload`);
    const asService = createCurationClient(connection(closedUrl, closed, { token }));
    expect((await rejection(asService.create())).code).toBe('FORBIDDEN');

    // A delegate token without "upload" cannot make the user write.
    const readOnly = await tokenFor(closed, service, ['download', 'delegate']);
    const reader = createCurationClient(connection(closedUrl, closed, { token: readOnly, actingFor: member }));
    expect((await reader.get(curationId)).version).toBe(0);
    const noUpload = await rejection(reader.act(curationId, [{ type: 'CLOSE_CURATION' }]));
    expect(noUpload.code).toBe('FORBIDDEN');
    expect(noUpload.message).toContain('expected a token with scope "upload"');
  });

  it('attributes mutables and figures to the user too', async () => {
    const [service, carol] = [login('shell'), login('carol')];
    const token = await tokenFor(open, service, ['upload', 'download', 'delegate']);
    const asCarol = connection(openUrl, open, { token, actingFor: carol });
    const key = `@delegation/${randomBytes(4).toString('hex')}`;
    const set = await createMutableClient(asCarol).set(key, { step: 1 });
    expect([set.ownerId, set.updatedBy]).toEqual([carol, carol]);
    const { figure } = await createFigureClient(asCarol).register({
      viewUri: 'vegalite',
      dataUri: `https://example.org/${key}.json`,
      label: 'delegated',
    });
    expect(figure.owner).toBe(carol);
  });
});

describe('x-figurl-acting-for refused', () => {
  const act = (zone: TestZone, headers: Record<string, string | string[]>) =>
    zone.app.inject({ method: 'POST', url: `/api/v1/curations?zone=${zone.zoneName}`, payload: {}, headers });

  it('without a token, naming the login and the scope it needs', async () => {
    const res = await act(open, { 'x-figurl-acting-for': 'alice' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.json().message).toBe(
      'x-figurl-acting-for "alice" needs a bearer token with scope "delegate": expected the token of a service allowed to act for users (a zone admin makes one with: figurl zone token create --owner <service> --scope delegate,upload,download)',
    );
  });

  it('with a token that lacks "delegate", even an admin one', async () => {
    const user = login('mallory');
    for (const scopes of [['upload', 'download'], ['admin']]) {
      const token = await tokenFor(open, user, scopes);
      const res = await act(open, { authorization: `Bearer ${token}`, 'x-figurl-acting-for': 'alice' });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain(
        `x-figurl-acting-for "alice": this token of user "${user}" has scopes ${scopes.join(', ')}: expected a token with scope "delegate"`,
      );
    }
    // Reads are refused too: the header never silently falls back to the token's owner.
    const token = await tokenFor(open, user, ['download']);
    const read = await open.app.inject({
      method: 'GET',
      url: `/api/v1/figures?zone=${open.zoneName}`,
      headers: { authorization: `Bearer ${token}`, 'x-figurl-acting-for': 'alice' },
    });
    expect(read.statusCode).toBe(403);
  });

  it('when the value is not a login', async () => {
    const token = await tokenFor(open, login('shell'), ['upload', 'download', 'delegate']);
    const cases: Array<[string | string[], string]> = [
      ['al ice', '"al ice"'],
      ['', '""'],
      ['-alice', '"-alice"'],
      ['a'.repeat(40), `"${'a'.repeat(40)}"`],
      ['anonymous', '"anonymous"'],
      ['Local', '"Local"'],
      [['alice', 'bob'], '"alice, bob"'],
    ];
    for (const [value, quoted] of cases) {
      const res = await act(open, { authorization: `Bearer ${token}`, 'x-figurl-acting-for': value });
      expect(res.statusCode, String(value)).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'INVALID_REQUEST',
        message: `invalid x-figurl-acting-for ${quoted}: expected a GitHub login (letters, digits and hyphens, at most 39 characters; not "anonymous" or "local")`,
      });
    }
  });

  it('with an invalid token as any invalid token', async () => {
    const res = await act(open, { authorization: 'Bearer fzt_nope', 'x-figurl-acting-for': 'alice' });
    expect(res.statusCode).toBe(401);
  });
});

describe('figurl zone token create --scope delegate', () => {
  it('makes a token that may act for users, and names delegate among the scopes', async () => {
    let stdout = '';
    let stderr = '';
    const run = (...argv: string[]) =>
      runZoneCommand(argv, {
        env: { DATABASE_URL: getDatabaseUrl() },
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
      });
    const service = login('shell');
    expect(await run('token', 'create', '--owner', service, '--scope', 'upload,download,delegate')).toBe(0);
    expect(stderr).toContain(`for ${service} (upload, download, delegate)`);
    const token = stdout.trim();
    const dave = login('dave');
    const asDave = createCurationClient(connection(openUrl, open, { token, actingFor: dave }));
    expect((await asDave.create()).owner).toBe(dave);

    const bad = await rejection(run('token', 'create', '--owner', service, '--scope', 'upload,impersonate'));
    expect(bad.message).toContain('"impersonate"');
    expect(bad.message).toContain('"delegate"');
  });
});

describe('GET /openapi.json', () => {
  it('lists X-Figurl-Acting-For on the routes that read a bearer token, and only there', async () => {
    const document = (await open.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const headerNames = (path: string, method: string): string[] =>
      (document.paths[path][method].parameters ?? [])
        .filter((p: { in: string }) => p.in === 'header')
        .map((p: { name: string }) => p.name);
    expect(headerNames('/api/v1/curations/{curationId}/actions', 'post')).toContain('X-Figurl-Acting-For');
    expect(headerNames('/api/v1/feeds/{feedId}/events', 'get')).toEqual(['Last-Event-ID', 'X-Figurl-Acting-For']);
    expect(headerNames('/healthz', 'get')).toEqual([]);
    expect(headerNames('/api/gateway', 'post')).toEqual([]);
  });
});
