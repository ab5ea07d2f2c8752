import { describe, expect, it } from 'vitest';
import type { ActionSettings } from '../../../action/src/action-settings.js';
import type { GitHubClient } from '../../../action/src/github-client.js';
import { main } from '../../../action/src/main.js';
import type { RunContext } from '../../../action/src/run-context.js';

const settings: ActionSettings = {
  zoneUrl: 'http://zone.test',
  zoneToken: undefined,
  figures: 'figures/**',
  labelPrefix: '',
  comment: 'auto',
  githubToken: 'ghs_x',
  shellUrl: 'http://shell.test',
};
const run: RunContext = {
  github: { repo: 'octo/lab', pullRequest: 12, commitSha: 'a'.repeat(40) },
  eventName: 'pull_request',
  runUrl: undefined,
  workspace: '/w',
};

/** An Octokit stand-in recording calls; `installation` is what GET …/installation answers. */
function fakeOctokit(installation: number) {
  const calls: string[] = [];
  const octokit = {
    async request(route: string) {
      calls.push(route);
      if (installation === 200) return { status: 200, data: { id: 1 } };
      throw Object.assign(new Error(installation === 404 ? 'Not Found' : 'A JSON web token could not be decoded'), {
        status: installation,
      });
    },
    async paginate() {
      calls.push('list comments');
      return [];
    },
    rest: {
      issues: {
        listComments: {},
        async createComment() {
          calls.push('create comment');
          return { data: { id: 5, html_url: 'https://github.com/octo/lab/pull/12#issuecomment-5' } };
        },
      },
    },
  };
  return { octokit: octokit as unknown as GitHubClient, calls };
}

const log = { info() {}, warning() {} };

/**
 * The zone's `GET /api/v1/github/installation` as a fetch: `answer` is the JSON it sends (or an
 * HTTP status for an error body); records the URLs asked.
 */
function fakeZone(answer: { installed: boolean; configured: boolean } | number) {
  const asked: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    asked.push(`${url.pathname}${url.search}`);
    if (typeof answer === 'number') {
      return Response.json(
        { statusCode: answer, code: 'UNAVAILABLE', error: 'Service Unavailable', message: 'GitHub did not answer' },
        { status: answer },
      );
    }
    return Response.json({ repo: 'octo/lab', ...answer });
  }) as typeof globalThis.fetch;
  return { fetch, asked };
}

describe('the comment decision (comment: auto)', () => {
  it('leaves the comment to the figurl App when the zone (with the App configured) says it is installed', async () => {
    const { octokit, calls } = fakeOctokit(401);
    const zone = fakeZone({ installed: true, configured: true });
    const result = await main({ settings, run, files: [], octokit, log, fetch: zone.fetch });
    expect(result.comment).toEqual({ status: 'app-installed' });
    expect(zone.asked).toEqual(['/api/v1/github/installation?repo=octo%2Flab']);
    // GitHub is not asked: with a workflow token it would only answer 401.
    expect(calls).toEqual([]);
  });

  it('comments itself when the zone (with the App configured) says the App is not installed', async () => {
    const { octokit, calls } = fakeOctokit(200);
    const zone = fakeZone({ installed: false, configured: true });
    const result = await main({ settings, run, files: [], octokit, log, fetch: zone.fetch });
    expect(result.comment).toMatchObject({ status: 'created', commentId: 5 });
    expect(calls).toEqual(['list comments', 'create comment']);
  });

  it('asks GitHub only when the zone has no App credentials: 200 leaves the comment to the App', async () => {
    const { octokit, calls } = fakeOctokit(200);
    const zone = fakeZone({ installed: false, configured: false });
    const result = await main({ settings, run, files: [], octokit, log, fetch: zone.fetch });
    expect(result.comment).toEqual({ status: 'app-installed' });
    expect(calls).toEqual(['GET /repos/{owner}/{repo}/installation']);
  });

  it.each([404, 401])(
    'comments itself when the zone has no App credentials and GitHub answers %i (not installed, or cannot tell)',
    async (status) => {
      const { octokit, calls } = fakeOctokit(status);
      const zone = fakeZone({ installed: false, configured: false });
      const result = await main({ settings, run, files: [], octokit, log, fetch: zone.fetch });
      expect(result.comment).toMatchObject({ status: 'created', commentId: 5 });
      expect(calls).toEqual(['GET /repos/{owner}/{repo}/installation', 'list comments', 'create comment']);
    },
  );

  it('comments itself, without asking GitHub, when the zone cannot tell (503), and says why', async () => {
    const { octokit, calls } = fakeOctokit(200);
    const zone = fakeZone(503);
    const infos: string[] = [];
    const result = await main({
      settings,
      run,
      files: [],
      octokit,
      log: { info: (m) => infos.push(m), warning() {} },
      fetch: zone.fetch,
    });
    expect(result.comment).toMatchObject({ status: 'created' });
    expect(calls).toEqual(['list comments', 'create comment']);
    expect(infos.join('\n')).toMatch(
      /Could not tell whether the figurl App is installed \(the zone could not tell: .*GitHub did not answer/,
    );
  });

  it('does not comment outside pull requests, with comment: off, or without a token', async () => {
    const { octokit, calls } = fakeOctokit(404);
    const zone = fakeZone({ installed: true, configured: true });
    const push = { ...run, eventName: 'push', github: { repo: 'octo/lab' } };
    const common = { files: [], octokit, log, fetch: zone.fetch };
    expect((await main({ ...common, settings, run: push })).comment.status).toBe('not-a-pull-request');
    const off = { ...settings, comment: 'off' as const };
    expect((await main({ ...common, settings: off, run })).comment.status).toBe('off');
    expect((await main({ ...common, settings, run, octokit: undefined })).comment.status).toBe('no-token');
    expect(calls).toEqual([]);
    expect(zone.asked).toEqual([]);
  });
});
