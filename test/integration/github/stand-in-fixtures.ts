import { randomUUID } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { expect } from 'vitest';
import type { AppPermissions, GitHubStandIn } from '../../support/github-stand-in.js';

export const silent = { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} };

export function octokitFor(gh: GitHubStandIn, token?: string): Octokit {
  return new Octokit({ baseUrl: gh.url, log: silent, ...(token === undefined ? {} : { auth: token }) });
}

export interface OctokitFailure {
  status: number;
  response: { data: { message?: string; errors?: unknown[] }; headers: Record<string, unknown> };
}

/** The error an Octokit call rejects with; fails the test when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<OctokitFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the request should have failed').toMatchObject({ status: expect.any(Number) });
  return err as OctokitFailure;
}

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A user with a repository and a `repo`-scoped token. */
export function makeOwner(gh: GitHubStandIn) {
  const login = unique('user');
  gh.addUser({ login, name: `User ${login}` });
  const name = unique('repo');
  gh.createRepo({ owner: login, name });
  return { login, name, fullName: `${login}/${name}`, token: gh.issueToken(login, ['repo']) };
}

/** An app installed on a fresh owner's repository, and an Octokit authenticated through @octokit/auth-app. */
export function makeInstalledApp(gh: GitHubStandIn, permissions: AppPermissions) {
  const owner = makeOwner(gh);
  const slug = unique('figurl');
  const appId = Math.floor(Math.random() * 1e9);
  const app = gh.createApp({ appId, slug, permissions });
  const installationId = gh.installApp(slug, { owner: owner.login, repos: [owner.name], permissions });
  const octokit = new Octokit({
    baseUrl: gh.url,
    log: silent,
    authStrategy: createAppAuth,
    auth: { appId, privateKey: app.privateKeyPem, installationId },
  });
  return { owner, app, slug, appId, installationId, octokit };
}

/** A branch with one commit ahead of main and an open pull request for it, as the repo owner. */
export function openFeaturePull(gh: GitHubStandIn, fullName: string, title = 'Add a figure') {
  const branch = unique('feature');
  gh.createBranch(fullName, branch);
  gh.putFile(fullName, branch, `${branch}.json`, '{}');
  return { branch, ...gh.openPullRequest({ repo: fullName, head: branch, title }) };
}
