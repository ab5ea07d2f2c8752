import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { failure, makeInstalledApp, makeOwner, octokitFor, openFeaturePull } from './stand-in-fixtures.js';

describe('GitHub stand-in: issue comments and pull requests', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('pages 150 comments with Link headers that octokit.paginate follows to the last one', async () => {
    const { owner, slug, octokit } = makeInstalledApp(gh, { issues: 'write' });
    const pr = openFeaturePull(gh, owner.fullName).number;
    const user = octokitFor(gh, owner.token);
    for (let i = 0; i < 149; i += 1) {
      await user.rest.issues.createComment({ owner: owner.login, repo: owner.name, issue_number: pr, body: `c${i}` });
    }
    await octokit.rest.issues.createComment({
      owner: owner.login,
      repo: owner.name,
      issue_number: pr,
      body: '<!-- figurl:preview -->',
    });
    const first = await user.rest.issues.listComments({ owner: owner.login, repo: owner.name, issue_number: pr });
    expect(first.data).toHaveLength(30);
    expect(first.headers.link).toMatch(/[?&]page=2[^>]*>; rel="next"/);
    expect(first.headers.link).toMatch(/[?&]page=5[^>]*>; rel="last"/);
    const middle = await user.rest.issues.listComments({
      owner: owner.login,
      repo: owner.name,
      issue_number: pr,
      per_page: 100,
      page: 2,
    });
    expect(middle.data).toHaveLength(50);
    expect(middle.headers.link).toContain('rel="prev"');
    expect(middle.headers.link).toContain('rel="first"');
    expect(middle.headers.link).not.toContain('rel="next"');
    const all = await user.paginate(user.rest.issues.listComments, {
      owner: owner.login,
      repo: owner.name,
      issue_number: pr,
      per_page: 100,
    });
    expect(all).toHaveLength(150);
    expect(all.at(-1)).toMatchObject({ body: '<!-- figurl:preview -->', user: { login: `${slug}[bot]`, type: 'Bot' } });
    expect(new Set(all.map((c) => c.id)).size).toBe(150);
  });

  it('updates, gets and deletes a comment, and filters the list by since', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const local = await startGitHubStandIn({ now: () => clock });
    try {
      const owner = makeOwner(local);
      const octokit = octokitFor(local, owner.token);
      const pr = openFeaturePull(local, owner.fullName).number;
      const repo = { owner: owner.login, repo: owner.name };
      const a = await octokit.rest.issues.createComment({ ...repo, issue_number: pr, body: 'a' });
      clock += 60_000;
      const b = await octokit.rest.issues.createComment({ ...repo, issue_number: pr, body: 'b' });
      expect(a.data).toMatchObject({
        body: 'a',
        user: { login: owner.login, type: 'User' },
        performed_via_github_app: null,
      });
      expect(a.data.html_url).toContain(`/pull/${pr}#issuecomment-${a.data.id}`);
      clock += 60_000;
      const edited = await octokit.rest.issues.updateComment({ ...repo, comment_id: a.data.id, body: 'a2' });
      expect(edited.data).toMatchObject({ body: 'a2', created_at: a.data.created_at });
      expect(edited.data.updated_at > a.data.updated_at).toBe(true);
      const since = await octokit.rest.issues.listComments({
        ...repo,
        issue_number: pr,
        since: edited.data.updated_at,
      });
      expect(since.data.map((c) => c.body)).toEqual(['a2']);
      expect((await octokit.rest.issues.getComment({ ...repo, comment_id: b.data.id })).data.body).toBe('b');
      expect((await octokit.rest.issues.deleteComment({ ...repo, comment_id: b.data.id })).status).toBe(204);
      expect((await failure(octokit.rest.issues.getComment({ ...repo, comment_id: b.data.id }))).status).toBe(404);
      expect(local.comments(owner.fullName, pr).map((c) => c.body)).toEqual(['a2']);
    } finally {
      await local.close();
    }
  });

  it('refuses a body over 65536 characters with 422 Validation Failed, creating nothing', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const pr = openFeaturePull(gh, owner.fullName).number;
    const repo = { owner: owner.login, repo: owner.name };
    const ok = await octokit.rest.issues.createComment({ ...repo, issue_number: pr, body: 'x'.repeat(65536) });
    expect(ok.status).toBe(201);
    const refused = await failure(
      octokit.rest.issues.createComment({ ...repo, issue_number: pr, body: 'x'.repeat(65537) }),
    );
    expect(refused.status).toBe(422);
    expect(refused.response.data).toMatchObject({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: 'Body is too long (maximum is 65536 characters)',
        },
      ],
    });
    const patch = await failure(
      octokit.rest.issues.updateComment({ ...repo, comment_id: ok.data.id, body: 'y'.repeat(70000) }),
    );
    expect(patch.status).toBe(422);
    expect(gh.comments(owner.fullName, pr)).toHaveLength(1);
    expect((await failure(octokit.rest.issues.createComment({ ...repo, issue_number: 999, body: 'x' }))).status).toBe(
      404,
    );
  });

  it('creates, finds by head, gets and closes pull requests numbered with the issues', async () => {
    const owner = makeOwner(gh);
    const octokit = octokitFor(gh, owner.token);
    const repo = { owner: owner.login, repo: owner.name };
    const first = openFeaturePull(gh, owner.fullName);
    gh.createBranch(owner.fullName, 'snap');
    const same = await failure(octokit.rest.pulls.create({ ...repo, head: 'snap', base: 'main', title: 'empty' }));
    expect(same.status).toBe(422);
    expect(JSON.stringify(same.response.data.errors)).toContain('No commits between main and snap');
    gh.putFile(owner.fullName, 'snap', 'figure.json', '{"a":1}');
    const created = await octokit.rest.pulls.create({
      ...repo,
      head: `${owner.login}:snap`,
      base: 'main',
      title: 'Snapshot',
      body: 'b',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: first.number + 1,
      state: 'open',
      title: 'Snapshot',
      head: { ref: 'snap', label: `${owner.login}:snap`, sha: gh.commits(owner.fullName, 'snap').at(-1)?.sha },
      base: { ref: 'main' },
      user: { login: owner.login },
    });
    const again = await failure(octokit.rest.pulls.create({ ...repo, head: 'snap', base: 'main', title: 'again' }));
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.response.data.errors)).toContain(
      `A pull request already exists for ${owner.login}:snap.`,
    );
    const found = await octokit.rest.pulls.list({ ...repo, head: `${owner.login}:snap`, state: 'open' });
    expect(found.data.map((p) => p.number)).toEqual([created.data.number]);
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: first.number })).data.head.sha).toBe(first.headSha);
    const closed = await octokit.rest.pulls.update({ ...repo, pull_number: created.data.number, state: 'closed' });
    expect(closed.data).toMatchObject({ state: 'closed', closed_at: expect.any(String) });
    expect((await octokit.rest.pulls.list({ ...repo, head: `${owner.login}:snap` })).data).toEqual([]);
    expect((await octokit.rest.pulls.list({ ...repo, state: 'all' })).data).toHaveLength(2);
    // Comments on the pull request share its number.
    await octokit.rest.issues.createComment({ ...repo, issue_number: created.data.number, body: 'ok' });
    expect(gh.comments(owner.fullName, created.data.number)).toHaveLength(1);
  });

  it('reports collaborator permissions as admin, write, read and none', async () => {
    const owner = makeOwner(gh);
    const writer = `${owner.login}-w`;
    const reader = `${owner.login}-r`;
    gh.addUser({ login: writer });
    gh.addUser({ login: reader });
    const priv = gh.createRepo({
      owner: owner.login,
      name: `${owner.name}-private`,
      private: true,
      collaborators: [writer, { login: reader, permission: 'triage' }],
    });
    const octokit = octokitFor(gh, owner.token);
    const level = async (username: string) =>
      (await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: owner.login, repo: priv.name, username })).data;
    expect(await level(owner.login)).toMatchObject({
      permission: 'admin',
      role_name: 'admin',
      user: { login: owner.login },
    });
    expect(await level(writer)).toMatchObject({ permission: 'write', role_name: 'write' });
    expect(await level(reader)).toMatchObject({ permission: 'read', role_name: 'triage' });
    const stranger = `${owner.login}-s`;
    gh.addUser({ login: stranger });
    expect(await level(stranger)).toMatchObject({ permission: 'none' });
  });
});
