import { uniqueId } from '@figurl/prisma';
import { createGitHubAppClient, FigurlError } from '@figurl/sdk';
import { createGitHubRepoPermissions } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenUser, injectFetch, storeBlob, storeJson, type TestUser } from '../../support/figure-fixtures.js';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { rejection } from '../../support/rejection.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * "Private figure of repo X" (docs/protocol.md §7): with the figurl App's credentials, a private
 * figure registered with `repo` is also seen, listed and read (its blobs too) by whoever GitHub
 * says may read that repository — asked through the App on the GitHub stand-in — and by nobody
 * else new. And `GET /api/v1/github/installation` (§5), which the Action asks before commenting.
 */

let gh: GitHubStandIn;
let zone: TestZone;
/** The same database, no App credentials: repository readers gain nothing there. */
let plainZone: TestZone;
const appId = 4103;
const org = uniqueId('lab').slice(0, 30);
const otherOrg = uniqueId('elsewhere').slice(0, 30);
const repoName = uniqueId('private-data').slice(0, 40);
const repo = `${org}/${repoName}`;
const login = (name: string) => uniqueId(name).slice(0, 30);
let owner: TestUser;
let reader: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  gh = await startGitHubStandIn();
  const names = { owner: login('owner'), reader: login('reader'), stranger: login('stranger') };
  for (const user of [org, otherOrg, ...Object.values(names)]) gh.addUser({ login: user });
  gh.createRepo({
    owner: org,
    name: repoName,
    private: true,
    collaborators: [
      { login: names.owner, permission: 'push' },
      { login: names.reader, permission: 'read' },
    ],
  });
  gh.createRepo({ owner: otherOrg, name: 'uninstalled' });
  const app = gh.createApp({ appId, slug: 'figurl-readers', permissions: { metadata: 'read' } });
  gh.installApp('figurl-readers', { owner: org });
  zone = await createTestZoneApp({
    repoPermissions: createGitHubRepoPermissions({
      apiUrl: gh.url,
      appId: String(appId),
      privateKey: app.privateKeyPem,
    }),
  });
  plainZone = await createTestZoneApp();
  owner = await createTokenUser(zone, { id: names.owner });
  reader = await createTokenUser(zone, { id: names.reader });
  stranger = await createTokenUser(zone, { id: names.stranger });
});
afterAll(async () => {
  await zone?.close();
  await plainZone?.close();
  await gh?.close();
});

function call(target: TestZone, method: 'GET' | 'POST', path: string, user: TestUser | null, payload?: object) {
  const join = path.includes('?') ? '&' : '?';
  return target.app.inject({
    method,
    url: `${path}${join}zone=${target.zoneName}`,
    headers: user?.headers ?? {},
    ...(payload === undefined ? {} : { payload }),
  });
}

/** A private figure of `owner` over JSON data that refers to a second blob; its id and both hashes. */
async function privateFigure(target: TestZone, figureRepo: string | undefined) {
  const inner = await storeBlob(target, `spikes of ${uniqueId('unit')}`);
  const data = await storeJson(target, { spikes: `sha1://${inner}` });
  const res = await call(target, 'POST', '/api/v1/figures', owner, {
    viewUri: 'gs://figurl/vegalite-2',
    dataUri: `sha1://${data}`,
    label: 'units of a private repository',
    private: true,
    ...(figureRepo === undefined ? {} : { repo: figureRepo }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: (res.json() as { figure: { id: string } }).figure.id, data, inner };
}

async function listedIds(target: TestZone, user: TestUser | null, query = '') {
  const res = await call(target, 'GET', `/api/v1/figures${query}`, user);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { figures: Array<{ id: string }> }).figures.map((f) => f.id);
}

describe('a private figure registered with a repository', () => {
  it('is seen, listed and read by a collaborator with read on the repository', async () => {
    const figure = await privateFigure(zone, repo);
    expect((await call(zone, 'GET', `/api/v1/figures/${figure.id}`, reader)).statusCode).toBe(200);
    expect(await listedIds(zone, reader)).toContain(figure.id);
    expect(await listedIds(zone, reader, `?repo=${repo}`)).toEqual([figure.id]);
    for (const hash of [figure.data, figure.inner]) {
      const bytes = await call(zone, 'GET', `/sha1/${hash}`, reader);
      expect(bytes.statusCode, bytes.body).toBe(200);
      // Restricted bytes are never publicly cacheable, whoever reads them.
      expect(bytes.headers['cache-control']).toBe('private, max-age=3600');
      expect((await call(zone, 'GET', `/api/v1/blobs/${hash}`, reader)).statusCode).toBe(200);
    }
    expect((await call(zone, 'POST', `/api/v1/blobs/${figure.inner}/signed-url`, reader, {})).statusCode).toBe(200);
    // The reader may also build on it: registering a figure over the data is reading it.
    const own = await call(zone, 'POST', '/api/v1/figures', reader, {
      viewUri: 'gs://figurl/vegalite-2',
      dataUri: `sha1://${figure.data}`,
      label: 'my copy',
      private: true,
    });
    expect(own.statusCode, own.body).toBe(201);
  });

  it('stays hidden from a stranger and from anonymous callers', async () => {
    const figure = await privateFigure(zone, repo);
    expect((await call(zone, 'GET', `/api/v1/figures/${figure.id}`, stranger)).statusCode).toBe(404);
    expect((await call(zone, 'GET', `/api/v1/figures/${figure.id}`, null)).statusCode).toBe(404);
    expect(await listedIds(zone, stranger, `?repo=${repo}`)).toEqual([]);
    expect(await listedIds(zone, null, `?repo=${repo}`)).toEqual([]);
    const refused = await call(zone, 'GET', `/sha1/${figure.inner}`, stranger);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('or a reader of its GitHub repository');
    // The repository's name is not told to those who may not read it.
    expect(refused.json().message).not.toContain(repoName);
    expect((await call(zone, 'GET', `/sha1/${figure.inner}`, null)).statusCode).toBe(401);
    expect((await call(zone, 'POST', `/api/v1/blobs/${figure.inner}/signed-url`, stranger, {})).statusCode).toBe(403);
  });

  it('needs the repository: a private figure without one, or of another, stays its owner’s', async () => {
    const bare = await privateFigure(zone, undefined);
    const elsewhere = await privateFigure(zone, `${otherOrg}/uninstalled`);
    for (const figure of [bare, elsewhere]) {
      expect((await call(zone, 'GET', `/api/v1/figures/${figure.id}`, reader)).statusCode).toBe(404);
      expect((await call(zone, 'GET', `/sha1/${figure.inner}`, reader)).statusCode).toBe(403);
      expect(await listedIds(zone, reader)).not.toContain(figure.id);
    }
  });

  it('stays its owner’s when the repository is public (GitHub says "read" for everyone there)', async () => {
    const name = uniqueId('open').slice(0, 40);
    gh.createRepo({ owner: org, name }); // public, installed (the App is on all of the org's repositories)
    const figure = await privateFigure(zone, `${org}/${name}`);
    // The stand-in answers as GitHub does: a non-collaborator may read a public repository.
    const asked = await fetch(`${gh.url}/repos/${org}/${name}/collaborators/${stranger.id}/permission`, {
      headers: { authorization: `token ${gh.issueToken(owner.id, ['repo'])}` },
    });
    expect(((await asked.json()) as { permission: string }).permission).toBe('read');
    // The App is installed there, so the refusal is the public-repository rule, not a missing App.
    const installed = await call(zone, 'GET', `/api/v1/github/installation?repo=${org}/${name}`, owner);
    expect(installed.json()).toMatchObject({ installed: true, configured: true });
    expect((await call(zone, 'GET', `/api/v1/figures/${figure.id}`, stranger)).statusCode).toBe(404);
    expect((await call(zone, 'GET', `/sha1/${figure.inner}`, stranger)).statusCode).toBe(403);
    expect(await listedIds(zone, stranger, `?repo=${org}/${name}`)).toEqual([]);
  });

  it('gives repository readers nothing on a zone without the App', async () => {
    const user = await createTokenUser(plainZone, { id: reader.id });
    const ownerHere = await createTokenUser(plainZone, { id: owner.id });
    const inner = await storeBlob(plainZone, `plain ${uniqueId('blob')}`);
    const res = await call(plainZone, 'POST', '/api/v1/figures', ownerHere, {
      viewUri: 'gs://figurl/vegalite-2',
      dataUri: `sha1://${inner}`,
      label: 'no App here',
      private: true,
      repo,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = (res.json() as { figure: { id: string } }).figure;
    expect((await call(plainZone, 'GET', `/api/v1/figures/${id}`, user)).statusCode).toBe(404);
    expect((await call(plainZone, 'GET', `/sha1/${inner}`, user)).statusCode).toBe(403);
  });

  it('asks GitHub once a minute per reader and repository, not per request', async () => {
    const name = uniqueId('burst').slice(0, 40);
    const burstReader = login('burst');
    gh.addUser({ login: burstReader });
    gh.createRepo({ owner: org, name, private: true, collaborators: [{ login: burstReader, permission: 'read' }] });
    const user = await createTokenUser(zone, { id: burstReader });
    const figure = await privateFigure(zone, `${org}/${name}`);
    const asked = () => gh.requests.filter((r) => r.path.endsWith(`/${name}/collaborators/${burstReader}/permission`));
    await Promise.all([
      call(zone, 'GET', `/api/v1/figures/${figure.id}`, user),
      listedIds(zone, user, `?repo=${org}/${name}`),
      call(zone, 'GET', `/sha1/${figure.data}`, user),
      call(zone, 'GET', `/sha1/${figure.inner}`, user),
    ]);
    expect(asked()).toHaveLength(1);
  });

  it('answers 503 on a figure when GitHub does not answer, and leaves it out of lists meanwhile', async () => {
    const name = uniqueId('down').slice(0, 40);
    gh.createRepo({ owner: org, name, private: true, collaborators: [{ login: stranger.id, permission: 'read' }] });
    const figure = await privateFigure(zone, `${org}/${name}`);
    gh.injectFault({ path: `/repos/${org}/${name}/collaborators/${stranger.id}/permission`, status: 502 });
    const unavailable = await call(zone, 'GET', `/api/v1/figures/${figure.id}`, stranger);
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.json().code).toBe('UNAVAILABLE');
    gh.injectFault({ path: `/repos/${org}/${name}/collaborators/${stranger.id}/permission`, status: 502 });
    expect(await listedIds(zone, stranger, `?repo=${org}/${name}`)).toEqual([]);
    // A failure is not remembered: once GitHub answers, the reader sees it.
    expect((await call(zone, 'GET', `/api/v1/figures/${figure.id}`, stranger)).statusCode).toBe(200);
  });
});

describe('GET /api/v1/github/installation', () => {
  it('says whether the App is installed on a repository', async () => {
    const res = await call(zone, 'GET', `/api/v1/github/installation?repo=${repo}`, owner);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ repo, installed: true, configured: true });
    const app = createGitHubAppClient({
      baseUrl: new URL('http://zone.test/'),
      fetch: injectFetch(zone.app),
      token: owner.token,
      zone: zone.zoneName,
    });
    expect(await app.getInstallation(`${otherOrg}/uninstalled`)).toEqual({
      repo: `${otherOrg}/uninstalled`,
      installed: false,
      configured: true,
    });
    // A repository GitHub does not know is "not installed" too, never 404.
    expect(await app.getInstallation(`${otherOrg}/no-such-repo`)).toMatchObject({ installed: false });
  });

  it('answers configured: false on a zone without the App, and needs the upload right', async () => {
    const user = await createTokenUser(plainZone);
    const res = await call(plainZone, 'GET', `/api/v1/github/installation?repo=${repo}`, user);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ repo, installed: false, configured: false });
    // A zone where only members upload: anonymous callers and non-members are refused.
    const closed = { ...plainZone, zoneName: uniqueId('zone') };
    await plainZone.context.identities.setZone(closed.zoneName, {
      allowPublicUpload: false,
      allowPublicDownload: true,
    });
    expect((await call(closed, 'GET', `/api/v1/github/installation?repo=${repo}`, null)).statusCode).toBe(401);
    expect((await call(closed, 'GET', `/api/v1/github/installation?repo=${repo}`, user)).statusCode).toBe(403);
    const bad = await call(plainZone, 'GET', '/api/v1/github/installation?repo=not-a-repo', user);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('owner/name');
  });

  it('is UNAVAILABLE (503) when GitHub does not answer', async () => {
    const name = `${otherOrg}/${uniqueId('flaky').slice(0, 40)}`;
    gh.injectFault({ path: `/repos/${name}/installation`, status: 500 });
    const app = createGitHubAppClient({
      baseUrl: new URL('http://zone.test/'),
      fetch: injectFetch(zone.app),
      token: owner.token,
      zone: zone.zoneName,
    });
    const refused = await rejection(app.getInstallation(name));
    expect(refused).toBeInstanceOf(FigurlError);
    expect(refused.code).toBe('UNAVAILABLE');
    expect(refused.message).not.toContain('BEGIN');
  });
});
