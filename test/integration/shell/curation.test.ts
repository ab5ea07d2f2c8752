import { randomBytes } from 'node:crypto';
import { uniqueId } from '@figurl/prisma';
import { createCurationClient, createZoneClient, type SortingCurationAction } from '@figurl/sdk';
import { hashToken } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCuration } from '../../../app/lib/curation-handler';
import { sealSession, sessionCookieName } from '../../../app/lib/session-cookie';
import type { ShellConfig } from '../../../app/lib/shell-config';
import type { ShellDeps } from '../../../app/lib/shell-deps';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';
import { cookieHeader, createShellDeps, shellJsonRequest } from './shell-harness';

/*
 * POST /api/curation against a real zone on the test database: signed-in users act through the
 * shell's delegate token and are the authors the zone records; watch answers each action with
 * its author as soon as it lands; signed-out users act anonymously where the zone allows it.
 */

let gh: GitHubStandIn;
let open: TestZone;
let closed: TestZone;
let openUrl: string;
let closedUrl: string;
let shellToken: string;

beforeAll(async () => {
  gh = await startGitHubStandIn();
  [open, closed] = await Promise.all([createTestZoneApp(), createTestZoneApp({ open: false })]);
  [openUrl, closedUrl] = await Promise.all([
    open.app.listen({ host: '127.0.0.1', port: 0 }),
    closed.app.listen({ host: '127.0.0.1', port: 0 }),
  ]);
  shellToken = await tokenFor(open, 'figurl-shell', ['upload', 'download', 'delegate']);
});
afterAll(async () => {
  await Promise.all([open?.close(), closed?.close(), gh?.close()]);
});

async function tokenFor(zone: TestZone, userId: string, scopes: string[]): Promise<string> {
  const token = `fzt_${randomBytes(16).toString('hex')}`;
  await zone.context.identities.createToken({ userId, tokenHash: hashToken(token), label: 't', scopes });
  return token;
}

const login = (name: string) => uniqueId(name).slice(0, 30);

function deps(overrides: Partial<ShellConfig> = {}): ShellDeps {
  return createShellDeps(gh, { zoneUrl: openUrl, zoneToken: shellToken, ...overrides });
}

/** A browser of the shell: signed in as `user` (a sealed session cookie), or signed out. */
async function browser(shell: ShellDeps, user?: string, zone: TestZone = open) {
  if (user !== undefined) gh.addUser({ login: user });
  const cookie =
    user === undefined
      ? undefined
      : cookieHeader({
          [sessionCookieName]: await sealSession({ login: user, token: gh.issueToken(user, ['repo']) }, shell.config),
        });
  return async (body: unknown, options: { headers?: Record<string, string> } = {}) => {
    const request = shellJsonRequest(`/api/curation?zone=${zone.zoneName}`, {
      method: 'POST',
      body,
      ...(cookie === undefined ? {} : { cookie }),
    });
    for (const [name, value] of Object.entries(options.headers ?? {})) request.headers.set(name, value);
    const response = await handleCuration(request, shell);
    return { status: response.status, body: await response.json() };
  };
}

describe('POST /api/curation: live and attributed', () => {
  it('two signed-in users see each other’s actions within a second, each with its author', async () => {
    const shell = deps();
    const [alice, bob] = [login('alice'), login('bob')];
    const asAlice = await browser(shell, alice);
    const asBob = await browser(shell, bob);

    const created = await asAlice({ op: 'create', label: 'sorting 12', initial: { labelsByUnit: { '1': ['noise'] } } });
    expect(created).toEqual({
      status: 200,
      body: {
        curationId: expect.stringMatching(/^[a-z]{12}$/),
        version: 1,
        state: { labelsByUnit: { '1': ['noise'] } },
      },
    });
    const { curationId } = created.body;
    expect((await asBob({ op: 'get', curationId })).body).toEqual({
      curationId,
      version: 1,
      state: { labelsByUnit: { '1': ['noise'] } },
      label: 'sorting 12',
      owner: alice,
    });

    // Alice waits; Bob acts; Alice hears of it at once, with Bob as the author.
    const aliceWatch = asAlice({ op: 'watch', curationId, afterVersion: 1 });
    await new Promise((r) => setTimeout(r, 100));
    const bobAction: SortingCurationAction = { type: 'ADD_UNIT_LABEL', unitId: 2, label: 'accept' };
    expect((await asBob({ op: 'act', curationId, actions: [bobAction], ifVersion: 1 })).body.version).toBe(2);
    const actedAt = Date.now();
    const heard = await aliceWatch;
    expect(Date.now() - actedAt).toBeLessThan(1000);
    expect(heard).toEqual({
      status: 200,
      body: {
        curationId,
        version: 2,
        state: { labelsByUnit: { '1': ['noise'], '2': ['accept'] } },
        actions: [{ seq: 1, author: bob, timestamp: expect.any(Number), action: bobAction }],
      },
    });

    // And the other way round, two actions in one request.
    const bobWatch = asBob({ op: 'watch', curationId, afterVersion: 2, waitSeconds: 10 });
    const aliceActions: SortingCurationAction[] = [
      { type: 'MERGE_UNITS', unitIds: [1, 2] },
      { type: 'CLOSE_CURATION' },
    ];
    await asAlice({ op: 'act', curationId, actions: aliceActions });
    const seen = (await bobWatch).body;
    expect(seen.version).toBe(4);
    expect(seen.state.isClosed).toBe(true);
    expect(seen.actions.map((a: { seq: number; author: string }) => [a.seq, a.author])).toEqual([
      [2, alice],
      [3, alice],
    ]);

    // A late watcher gets everything after its version at once; the zone's feed agrees on authors.
    const late = await asBob({ op: 'watch', curationId, afterVersion: 0 });
    expect(late.body.actions.map((a: { author: string }) => a.author)).toEqual([alice, bob, alice, alice]);
    const zone = createCurationClient(createZoneClient({ baseUrl: openUrl, fetch, zone: open.zoneName }).connection);
    expect((await zone.readActions(curationId)).actions.map((a) => a.author)).toEqual([alice, bob, alice, alice]);
  });

  it('answers a quiet watch after waitSeconds with the same version and no actions', async () => {
    const asCarol = await browser(deps(), login('carol'));
    const { curationId } = (await asCarol({ op: 'create' })).body;
    const started = Date.now();
    const quiet = await asCarol({ op: 'watch', curationId, afterVersion: 0, waitSeconds: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(quiet).toEqual({ status: 200, body: { curationId, version: 0, state: {}, actions: [] } });
    const ahead = await asCarol({ op: 'watch', curationId, afterVersion: 5 });
    expect(ahead.status).toBe(409);
    expect(ahead.body.message).toContain(`curation ${curationId} is at version 0`);
  });

  it('refuses a stale ifVersion and applies nothing', async () => {
    const asDan = await browser(deps(), login('dan'));
    const { curationId } = (await asDan({ op: 'create' })).body;
    await asDan({ op: 'act', curationId, actions: [{ type: 'CLOSE_CURATION' }] });
    const stale = await asDan({ op: 'act', curationId, actions: [{ type: 'REOPEN_CURATION' }], ifVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CONFLICT' });
    expect((await asDan({ op: 'get', curationId })).body).toMatchObject({ version: 1, state: { isClosed: true } });
  });
});

describe('POST /api/curation: signed out, and forged identities', () => {
  it('lets signed-out users curate on the open zone, as anonymous', async () => {
    const shell = deps();
    const anonymous = await browser(shell);
    const { curationId } = (await anonymous({ op: 'create' })).body;
    const acted = await anonymous({
      op: 'act',
      curationId,
      actions: [{ type: 'ADD_UNIT_LABEL', unitId: 7, label: 'mua' }],
    });
    expect(acted).toEqual({ status: 200, body: { curationId, version: 1, state: { labelsByUnit: { '7': ['mua'] } } } });
    const erin = login('erin');
    await (await browser(shell, erin))({ op: 'act', curationId, actions: [{ type: 'CLOSE_CURATION' }] });
    const seen = (await anonymous({ op: 'watch', curationId, afterVersion: 0 })).body;
    expect(seen.actions.map((a: { author: string }) => a.author)).toEqual(['anonymous', erin]);
    expect((await anonymous({ op: 'get', curationId })).body.owner).toBe('anonymous');
  });

  it('never passes a browser’s own x-figurl-acting-for on', async () => {
    const anonymous = await browser(deps());
    const { curationId } = (await anonymous({ op: 'create' })).body;
    await anonymous(
      { op: 'act', curationId, actions: [{ type: 'CLOSE_CURATION' }] },
      { headers: { 'x-figurl-acting-for': 'octocat' } },
    );
    const seen = (await anonymous({ op: 'watch', curationId, afterVersion: 0 })).body;
    expect(seen.actions.map((a: { author: string }) => a.author)).toEqual(['anonymous']);
  });

  it('is refused by the zone when forged without a delegate token', async () => {
    const anonymous = await browser(deps());
    const { curationId } = (await anonymous({ op: 'create' })).body;
    const forged = await open.app.inject({
      method: 'POST',
      url: `/api/v1/curations/${curationId}/actions?zone=${open.zoneName}`,
      headers: { 'x-figurl-acting-for': 'octocat' },
      payload: { actions: [{ type: 'CLOSE_CURATION' }] },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().message).toContain('x-figurl-acting-for "octocat" needs a bearer token with scope "delegate"');

    // A shell whose token may not delegate cannot make anyone an author either.
    const plainToken = await tokenFor(open, login('service'), ['upload', 'download']);
    const asFrank = await browser(deps({ zoneToken: plainToken }), login('frank'));
    const refused = await asFrank({ op: 'act', curationId, actions: [{ type: 'CLOSE_CURATION' }] });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('expected a token with scope "delegate"');
    expect((await anonymous({ op: 'get', curationId })).body.version).toBe(0);
  });

  it('tells signed-out users of a closed zone to sign in, and signed-in ones need their own rights', async () => {
    const token = await tokenFor(closed, 'figurl-shell', ['upload', 'download', 'delegate']);
    const shell = deps({ zoneUrl: closedUrl, zoneToken: token });
    const anonymous = await browser(shell, undefined, closed);
    const refused = await anonymous({ op: 'create' });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/^sign in to curate here: /);

    const [member, stranger] = [login('member'), login('stranger')];
    await closed.context.identities.setMember({
      zoneName: closed.zoneName,
      userId: member,
      canUpload: true,
      canDownload: true,
      isAdmin: false,
    });
    const created = await (await browser(shell, member, closed))({ op: 'create' });
    expect(created.status).toBe(200);
    const asStranger = await browser(shell, stranger, closed);
    const denied = await asStranger({
      op: 'act',
      curationId: created.body.curationId,
      actions: [{ type: 'CLOSE_CURATION' }],
    });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain(`user "${stranger}"`);
  });

  it('says why a signed-in user was asked for anonymously when the shell has no zone token', async () => {
    const shell = deps({ zoneUrl: closedUrl, zoneToken: undefined });
    const refused = await (await browser(shell, login('grace'), closed))({ op: 'create' });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('this shell has no zone token (FIGURL_ZONE_TOKEN, scope "delegate")');
  });
});

describe('POST /api/curation: what it refuses before the zone', () => {
  it('validates the query, naming the field', async () => {
    const anonymous = await browser(deps());
    const cases: Array<[unknown, string]> = [
      [{ op: 'undo' }, 'op "undo"'],
      [{ op: 'act', curationId: 'abcdefghijkl', actions: [{ type: 'ADD_UNIT_LABEL', unitId: 1 }] }, 'actions.0.label'],
      [{ op: 'watch', curationId: 'abcdefghijkl', afterVersion: 0, waitSeconds: 60 }, 'waitSeconds 60'],
      [{ op: 'get', curationId: 'abcdefghijkl', zone: 'x' }, 'unexpected field "zone"'],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await anonymous(query);
      expect(status, JSON.stringify(query)).toBe(400);
      expect(body.message, JSON.stringify(query)).toMatch(/^invalid curation request: /);
      expect(body.message, JSON.stringify(query)).toContain(message);
    }
  });

  it('takes requests from the shell’s own pages only', async () => {
    const request = shellJsonRequest(`/api/curation?zone=${open.zoneName}`, {
      method: 'POST',
      body: { op: 'create' },
      origin: 'https://plugin.example',
    });
    const response = await handleCuration(request, deps());
    expect(response.status).toBe(403);
    expect((await response.json()).message).toContain('refused curation request from origin "https://plugin.example"');
  });
});
