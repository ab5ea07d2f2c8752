import { randomBytes } from 'node:crypto';
import { uniqueId } from '@figurl/prisma';
import { createCurationClient, createZoneClient, FigurlError } from '@figurl/sdk';
import { createGitHubRepoPermissions, hashToken } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { rejection } from '../../support/rejection.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

// A zone given the App's credentials asks GitHub (the stand-in) whether a user may push to a
// curation's editRepo: installation → installation token → collaborator permission.
let gh: GitHubStandIn;
let zone: TestZone;
let url: string;
const owner = 'editrepo-owner';
const appId = 4102;

beforeAll(async () => {
  gh = await startGitHubStandIn();
  gh.addUser({ login: owner });
  const app = gh.createApp({ appId, slug: 'figurl-zone', permissions: { metadata: 'read', contents: 'write' } });
  gh.installApp('figurl-zone', { owner });
  zone = await createTestZoneApp({
    repoPermissions: createGitHubRepoPermissions({
      apiUrl: gh.url,
      appId: String(appId),
      privateKey: app.privateKeyPem,
    }),
  });
  url = await zone.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await zone?.close();
  await gh?.close();
});

const login = (name: string) => uniqueId(name).slice(0, 30);

async function curationsOf(userId: string, scopes = ['upload', 'download']) {
  const token = `figurl_${randomBytes(16).toString('hex')}`;
  await zone.context.identities.createToken({ userId, tokenHash: hashToken(token), label: 't', scopes });
  return createCurationClient(createZoneClient({ baseUrl: url, fetch, zone: zone.zoneName, token }).connection);
}

describe("a curation's editRepo", () => {
  test('whoever may push to the repository may curate; readers, strangers and unlinked curations may not', async () => {
    const [alice, pusher, maintainer, reader, stranger] = ['alice', 'pusher', 'maint', 'reader', 'stranger'].map(
      login,
    ) as [string, string, string, string, string];
    for (const user of [alice, pusher, maintainer, reader, stranger]) gh.addUser({ login: user });
    const name = login('data');
    gh.createRepo({
      owner,
      name,
      collaborators: [
        { login: pusher, permission: 'push' },
        { login: maintainer, permission: 'maintain' },
        { login: reader, permission: 'pull' },
      ],
    });
    // The zone is open (anyone may upload), which lets nobody act on a curation they are not
    // listed on: only the owner, editors, admins and — now — pushers to editRepo act.
    const asAlice = await curationsOf(alice);
    const linked = await asAlice.create({ label: 'linked', editRepo: `${owner}/${name}` });
    const unlinked = await asAlice.create({ label: 'unlinked' });

    const asPusher = await curationsOf(pusher);
    const acted = await asPusher.act(linked.curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' }]);
    expect(acted.version).toBe(1);
    await (await curationsOf(maintainer)).act(linked.curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 2, label: 'mua' }]);

    const refused = await rejection((await curationsOf(reader)).act(linked.curationId, [{ type: 'CLOSE_CURATION' }]));
    expect(refused).toBeInstanceOf(FigurlError);
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain(`may push to GitHub repository ${owner}/${name}`);
    expect(
      (await rejection((await curationsOf(stranger)).act(linked.curationId, [{ type: 'CLOSE_CURATION' }]))).code,
    ).toBe('FORBIDDEN');
    // Push rights on some repository do not reach a curation that is not linked to it.
    expect((await rejection(asPusher.act(unlinked.curationId, [{ type: 'CLOSE_CURATION' }]))).code).toBe('FORBIDDEN');
    // A token without the upload scope may not act, push rights or not.
    expect(
      (await rejection((await curationsOf(pusher, ['download'])).act(linked.curationId, [{ type: 'CLOSE_CURATION' }])))
        .code,
    ).toBe('FORBIDDEN');

    const final = await asAlice.get(linked.curationId);
    expect(final.version).toBe(2);
    expect(final.state.isClosed ?? false).toBe(false);
  });

  test('push rights are asked once a minute per user, not per action', async () => {
    const pusher = login('burst');
    gh.addUser({ login: pusher });
    const name = login('burst');
    gh.createRepo({ owner, name, collaborators: [{ login: pusher, permission: 'push' }] });
    const asOwner = await curationsOf(login('owner'));
    const { curationId } = await asOwner.create({ editRepo: `${owner}/${name}` });
    const asPusher = await curationsOf(pusher);
    const asked = () =>
      gh.requests.filter((r) => r.path.includes(`/${name}/collaborators/${pusher}/permission`)).length;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        asPusher.act(curationId, [{ type: 'ADD_UNIT_LABEL', unitId: i, label: 'accept' }]),
      ),
    );
    expect(asked()).toBe(1);
    // One installation token for the whole file: it is kept until 5 minutes before it expires.
    expect(gh.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/access_tokens'))).toHaveLength(1);
    expect((await asOwner.get(curationId)).version).toBe(10);
  });
});
