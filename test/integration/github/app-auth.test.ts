import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { failure, makeInstalledApp, makeOwner, octokitFor, openFeaturePull, silent } from './stand-in-fixtures.js';

describe('GitHub stand-in: GitHub App authentication', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('trades an RS256 app JWT for an installation token that comments as <slug>[bot]', async () => {
    const { owner, slug, app, installationId, octokit } = makeInstalledApp(gh, { issues: 'write' });
    const pr = openFeaturePull(gh, owner.fullName).number;
    const created = await octokit.rest.issues.createComment({
      owner: owner.login,
      repo: owner.name,
      issue_number: pr,
      body: 'hi',
    });
    expect(created.status).toBe(201);
    expect(created.data.user).toMatchObject({ login: `${slug}[bot]`, type: 'Bot' });
    expect(created.data.performed_via_github_app).toMatchObject({ id: app.id, slug });
    const tokenRequest = gh.requests.find((r) => r.path === `/app/installations/${installationId}/access_tokens`);
    expect(tokenRequest?.status).toBe(201);
    expect(String(tokenRequest?.headers.authorization)).toMatch(/^bearer ey/i);
  });

  it('answers GET /app, the installations and the repository installation to the app JWT only', async () => {
    const { owner, app, appId, installationId } = makeInstalledApp(gh, { issues: 'write', checks: 'write' });
    const asApp = new Octokit({
      baseUrl: gh.url,
      log: silent,
      authStrategy: createAppAuth,
      auth: { appId, privateKey: app.privateKeyPem },
    });
    const me = await asApp.rest.apps.getAuthenticated();
    expect(me.data).toMatchObject({ id: appId, slug: app.slug, installations_count: 1 });
    const installations = await asApp.rest.apps.listInstallations();
    expect(installations.data.map((i) => i.id)).toEqual([installationId]);
    expect(installations.data[0]).toMatchObject({
      account: { login: owner.login },
      repository_selection: 'selected',
      permissions: { issues: 'write', checks: 'write', metadata: 'read' },
    });
    const repoInstallation = await asApp.rest.apps.getRepoInstallation({ owner: owner.login, repo: owner.name });
    expect(repoInstallation.data.id).toBe(installationId);
    const other = makeOwner(gh);
    expect((await failure(asApp.rest.apps.getRepoInstallation({ owner: other.login, repo: other.name }))).status).toBe(
      404,
    );
    // A personal token is not a JWT.
    expect((await failure(octokitFor(gh, other.token).rest.apps.getAuthenticated())).status).toBe(401);
  });

  it('answers the documented token shape and refuses a JWT signed with another key', async () => {
    const { app, appId, installationId } = makeInstalledApp(gh, { issues: 'write' });
    const auth = createAppAuth({ appId, privateKey: app.privateKeyPem, request: octokitFor(gh).request });
    const { token: jwt } = await auth({ type: 'app' });
    const response = await fetch(`${gh.url}/app/installations/${installationId}/access_tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, accept: 'application/vnd.github+json' },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token: expect.stringMatching(/^ghs_/),
      permissions: { issues: 'write', metadata: 'read' },
      repository_selection: 'selected',
    });
    expect(Date.parse(String(body.expires_at)) - Date.now()).toBeGreaterThan(59 * 60 * 1000);

    const impostor = gh.createApp({ appId: appId + 1, slug: `${app.slug}-impostor` });
    const forged = createAppAuth({ appId, privateKey: impostor.privateKeyPem, request: octokitFor(gh).request });
    const { token: badJwt } = await forged({ type: 'app' });
    const refused = await fetch(`${gh.url}/app/installations/${installationId}/access_tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${badJwt}` },
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ message: 'A JSON web token could not be decoded' });
  });

  it('gives installation tokens the installation permissions: 403 beyond them, 404 outside its repos', async () => {
    const { owner, octokit } = makeInstalledApp(gh, { issues: 'read' });
    const pr = openFeaturePull(gh, owner.fullName).number;
    const listed = await octokit.rest.issues.listComments({ owner: owner.login, repo: owner.name, issue_number: pr });
    expect(listed.data).toEqual([]);
    const refused = await failure(
      octokit.rest.issues.createComment({ owner: owner.login, repo: owner.name, issue_number: pr, body: 'no' }),
    );
    expect(refused.status).toBe(403);
    expect(refused.response.data.message).toBe('Resource not accessible by integration');
    const put = await failure(
      octokit.rest.repos.createOrUpdateFileContents({
        owner: owner.login,
        repo: owner.name,
        path: 'x.txt',
        message: 'x',
        content: Buffer.from('x').toString('base64'),
      }),
    );
    expect(put.status).toBe(403);
    gh.createRepo({ owner: owner.login, name: `${owner.name}-other` });
    const hidden = await failure(octokit.rest.repos.get({ owner: owner.login, repo: `${owner.name}-other` }));
    expect(hidden.status).toBe(404);
  });
});
