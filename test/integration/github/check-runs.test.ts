import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { failure, makeInstalledApp, octokitFor, openFeaturePull } from './stand-in-fixtures.js';

describe('GitHub stand-in: check runs', () => {
  let gh: GitHubStandIn;
  beforeAll(async () => {
    gh = await startGitHubStandIn();
  });
  afterAll(() => gh.close());

  it('creates, completes and lists a check run for the app, with its output', async () => {
    const { owner, app, octokit } = makeInstalledApp(gh, { checks: 'write', pull_requests: 'read' });
    const pr = openFeaturePull(gh, owner.fullName);
    const repo = { owner: owner.login, repo: owner.name };
    const created = await octokit.rest.checks.create({
      ...repo,
      name: 'figurl',
      head_sha: pr.headSha,
      status: 'in_progress',
      details_url: 'http://127.0.0.1/f/abc',
      external_id: 'abc',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      name: 'figurl',
      head_sha: pr.headSha,
      status: 'in_progress',
      conclusion: null,
      details_url: 'http://127.0.0.1/f/abc',
      external_id: 'abc',
      app: { id: app.id, slug: app.slug },
      pull_requests: [{ number: pr.number }],
    });
    const done = await octokit.rest.checks.update({
      ...repo,
      check_run_id: created.data.id,
      conclusion: 'success',
      output: { title: '2 figures', summary: 'All rendered', text: 'details' },
    });
    expect(done.data).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      completed_at: expect.any(String),
      output: { title: '2 figures', summary: 'All rendered', text: 'details', annotations_count: 0 },
    });
    const listed = await octokit.rest.checks.listForRef({ ...repo, ref: pr.branch });
    expect(listed.data.total_count).toBe(1);
    expect(listed.data.check_runs[0]?.id).toBe(created.data.id);
    const bySha = await octokitFor(gh, owner.token).rest.checks.listForRef({
      ...repo,
      ref: pr.headSha,
      check_name: 'figurl',
    });
    expect(bySha.data.check_runs.map((r) => r.conclusion)).toEqual(['success']);
  });

  it('refuses output over 65535 characters, a completed run without conclusion, and user tokens', async () => {
    const { owner, octokit } = makeInstalledApp(gh, { checks: 'write' });
    const pr = openFeaturePull(gh, owner.fullName);
    const repo = { owner: owner.login, repo: owner.name };
    const tooLong = await failure(
      octokit.rest.checks.create({
        ...repo,
        name: 'figurl',
        head_sha: pr.headSha,
        output: { title: 't', summary: 's'.repeat(65536) },
      }),
    );
    expect(tooLong.status).toBe(422);
    expect(tooLong.response.data.message).toContain('Only 65535 characters are allowed; 65536 were supplied.');
    const fits = await octokit.rest.checks.create({
      ...repo,
      name: 'figurl',
      head_sha: pr.headSha,
      output: { title: 't', summary: 's'.repeat(65535), text: 't'.repeat(65535) },
    });
    expect(fits.status).toBe(201);
    const textTooLong = await failure(
      octokit.rest.checks.update({
        ...repo,
        check_run_id: fits.data.id,
        output: { title: 't', summary: 's', text: 't'.repeat(70000) },
      }),
    );
    expect(textTooLong.status).toBe(422);
    expect((await octokit.rest.checks.get({ ...repo, check_run_id: fits.data.id })).data.output.summary).toHaveLength(
      65535,
    );
    const noConclusion = await failure(
      octokit.rest.checks.create({ ...repo, name: 'x', head_sha: pr.headSha, status: 'completed' }),
    );
    expect(noConclusion.status).toBe(422);
    const unknownSha = await failure(octokit.rest.checks.create({ ...repo, name: 'x', head_sha: 'f'.repeat(40) }));
    expect(unknownSha.status).toBe(422);
    const user = await failure(
      octokitFor(gh, owner.token).rest.checks.create({ ...repo, name: 'x', head_sha: pr.headSha }),
    );
    expect(user.status).toBe(403);
    expect(user.response.data.message).toBe('You must authenticate via a GitHub App.');
  });

  it('answers 403 to an installation without checks: write', async () => {
    const { owner, octokit } = makeInstalledApp(gh, { issues: 'write' });
    const pr = openFeaturePull(gh, owner.fullName);
    const refused = await failure(
      octokit.rest.checks.create({ owner: owner.login, repo: owner.name, name: 'x', head_sha: pr.headSha }),
    );
    expect(refused.status).toBe(403);
    expect(refused.response.data.message).toBe('Resource not accessible by integration');
  });
});
