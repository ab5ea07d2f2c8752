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

describe('the comment decision (comment: auto)', () => {
  it('leaves the comment to the figurl App when GET /repos/{o}/{r}/installation answers 200', async () => {
    const { octokit, calls } = fakeOctokit(200);
    const result = await main({ settings, run, files: [], octokit, log });
    expect(result.comment).toEqual({ status: 'app-installed' });
    expect(calls).toEqual(['GET /repos/{owner}/{repo}/installation']);
  });

  it.each([404, 401])('comments itself when the check answers %i (not installed, or cannot tell)', async (status) => {
    const { octokit, calls } = fakeOctokit(status);
    const result = await main({ settings, run, files: [], octokit, log });
    expect(result.comment).toMatchObject({ status: 'created', commentId: 5 });
    expect(calls.slice(1)).toEqual(['list comments', 'create comment']);
  });

  it('does not comment outside pull requests, with comment: off, or without a token', async () => {
    const { octokit, calls } = fakeOctokit(404);
    const push = { ...run, eventName: 'push', github: { repo: 'octo/lab' } };
    expect((await main({ settings, run: push, files: [], octokit, log })).comment.status).toBe('not-a-pull-request');
    const off = { ...settings, comment: 'off' as const };
    expect((await main({ settings: off, run, files: [], octokit, log })).comment.status).toBe('off');
    expect((await main({ settings, run, files: [], octokit: undefined, log })).comment.status).toBe('no-token');
    expect(calls).toEqual([]);
  });
});
