import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFigureClient, createZoneClient } from '@figurl/sdk';
import type { RunningZone } from '@figurl/zone';
import { Probot, ProbotOctokit } from 'probot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFigurlApp } from '../../../bot/src/index.js';
import { type BotServer, startBotServer } from '../../../bot/src/start-bot-server.js';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { pullRequestRunEnv, runActionInProcess } from '../../support/run-action-in-process.js';
import { startIsolatedZone } from '../../support/start-isolated-zone.js';
import { deliverWebhook, loadWebhookExample } from '../../support/webhook-deliveries.js';

/*
 * The issue's end-to-end flow: a pull request on the GitHub stand-in is opened, pushed to twice
 * and closed. For each head commit the Action (runAction, with the runner variables of a
 * `pull_request` run) publishes that push's figures to a real zone (fresh PostgreSQL), and the
 * App gets what GitHub would send — `pull_request` opened/synchronize when the push lands,
 * `workflow_run` completed when the workflow ends — as signed deliveries of real recorded
 * payloads (@octokit/webhooks-examples) pointed at this repository, pull request and commit.
 *
 * The Action runs with `comment: auto`, as a workflow next to the App does: the zone holds the
 * App's credentials, says the App is installed on the repository (`GET
 * /api/v1/github/installation`), and the Action leaves the comment to the App — so the App's is
 * the only comment on the pull request.
 */

const secret = 'webhook-secret-for-pull-request-flow';
const owner = 'octo';
const repoName = `flow-${Date.now().toString(36)}`;
const fullName = `${owner}/${repoName}`;
const shellUrl = 'https://shell.example.org';
const marker = '<!-- figurl:figures -->';
/** Every wait in this file is bounded by this. */
const waitMs = 20_000;

const work = mkdtempSync(join(tmpdir(), 'figurl-pr-flow-'));
const workspace = join(work, 'workspace');
let zone: RunningZone;
let gh: GitHubStandIn;
let bot: BotServer;
let installationId: number;
const processingErrors: unknown[] = [];

beforeAll(async () => {
  gh = await startGitHubStandIn();
  const app = gh.createApp({
    appId: 4343,
    slug: 'figurl',
    permissions: { metadata: 'read', contents: 'write', pull_requests: 'write', issues: 'write', checks: 'write' },
  });
  // The App's credentials: the zone can tell the Action that the App is installed.
  zone = await startIsolatedZone(work, {
    FIGURL_GITHUB_API_URL: gh.url,
    FIGURL_GITHUB_APP_ID: '4343',
    FIGURL_GITHUB_APP_PRIVATE_KEY: app.privateKeyPem,
  });
  gh.addUser({ login: owner });
  gh.createRepo({ owner, name: repoName });
  installationId = gh.installApp('figurl', { owner });
  const probot = new Probot({
    appId: 4343,
    privateKey: app.privateKeyPem,
    secret,
    baseUrl: gh.url,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  const figures = createFigureClient(createZoneClient({ baseUrl: zone.url, fetch }).connection);
  bot = await startBotServer({
    probot,
    app: createFigurlApp({ figures, shellUrl, zoneUrl: null }),
    queue: { onError: (error) => processingErrors.push(error) },
  });
}, 120_000);

afterAll(async () => {
  await bot?.close();
  await zone?.close();
  await gh?.close();
  rmSync(work, { recursive: true, force: true });
});

/** `promise`, or a failure naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, what: string, ms = waitMs): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A delivery as GitHub sends it, then the App's queue drained: its work is done when this returns. */
async function deliver(event: string, payload: unknown): Promise<void> {
  const result = await deliverWebhook(bot.webhookUrl, { event, payload, secret });
  expect(result.status, result.body).toBe(202);
  await within(bot.queue.onIdle(), `processing the ${event} delivery`);
  expect(processingErrors).toEqual([]);
}

function pullRequestPayload(action: string, pull: { number: number; headSha: string }) {
  const payload = loadWebhookExample('pull_request', action, {
    repo: fullName,
    number: pull.number,
    headSha: pull.headSha,
    installationId,
  });
  const pr = payload.pull_request as { base: { ref: string }; head: { ref: string }; state: string };
  pr.base.ref = 'main';
  pr.head.ref = 'feature';
  if (action === 'closed') pr.state = 'closed';
  return payload;
}

function workflowRunPayload(pull: { number: number; headSha: string }) {
  const payload = loadWebhookExample('workflow_run', 'completed', { repo: fullName, installationId });
  const run = payload.workflow_run as {
    head_sha: string;
    head_branch: string;
    conclusion: string;
    pull_requests: unknown[];
  };
  run.head_sha = pull.headSha;
  run.head_branch = 'feature';
  run.conclusion = 'success';
  run.pull_requests = [
    {
      number: pull.number,
      head: { sha: pull.headSha, ref: 'feature' },
      base: { sha: gh.commits(fullName, 'main').at(-1)?.sha, ref: 'main' },
    },
  ];
  return payload;
}

/** The figure files of one push: their names and contents differ from push to push. */
function writeFigures(files: Record<string, string>): void {
  rmSync(join(workspace, 'figures'), { recursive: true, force: true });
  mkdirSync(join(workspace, 'figures'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, 'figures', name), text);
}

const lossSpec = (losses: readonly number[]) =>
  JSON.stringify({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values: losses.map((loss, i) => ({ epoch: i + 1, loss })) },
    mark: 'line',
    encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' } },
  });

interface FigurlOutput {
  label: string;
  url: string;
  file: string;
  kind: string;
}

/** runAction() as the runner calls it for a `pull_request` run of `headSha`; returns its `figurls` output. */
async function runActionFor(pull: { number: number; headSha: string }, action: string): Promise<FigurlOutput[]> {
  const eventFile = join(work, `event-${pull.headSha}.json`);
  writeFileSync(eventFile, JSON.stringify(pullRequestPayload(action, pull)));
  const run = await within(
    runActionInProcess(
      work,
      pullRequestRunEnv({
        repo: fullName,
        pullNumber: pull.number,
        eventPath: eventFile,
        githubUrl: gh.url,
        workspace,
        zoneUrl: zone.url,
        // A token that could comment: only the App check keeps the Action from doing so.
        githubToken: gh.issueToken(owner, ['repo']),
        shellUrl,
        runId: String(9000 + Number.parseInt(pull.headSha.slice(0, 4), 16)),
      }),
    ),
    'the Action',
  );
  expect(run.failed, run.log).toBe(false);
  // The Action asked the zone and left the comment to the App.
  expect(run.log).toContain('The figurl App is installed on this repository (the zone says)');
  return JSON.parse(run.outputs.figurls ?? '[]') as FigurlOutput[];
}

const headOf = (branch: string) => gh.commits(fullName, branch).at(-1)?.sha ?? '';
const appComments = (number: number) =>
  gh.comments(fullName, number).filter((c) => c.login === 'figurl[bot]' && c.body.includes(marker));

describe('a pull request from opened to closed, with the Action and the App', () => {
  it('keeps one App comment, edited in place to the last push, and a check run per head commit', async () => {
    gh.createBranch(fullName, 'feature');
    gh.putFile(fullName, 'feature', 'analysis.py', 'print(1)\n');
    const pr = gh.openPullRequest({ repo: fullName, head: 'feature', title: 'Recompute the analysis' });

    // Three pushes, each with its own figures (names and contents): the second adds a figure,
    // the third drops two and adds another.
    const pushes: Array<{ action: 'opened' | 'synchronize'; files: Record<string, string> }> = [
      {
        action: 'opened',
        files: { 'loss.vl.json': lossSpec([0.9, 0.6]), 'notes.md': '# Run notes, first push\n' },
      },
      {
        action: 'synchronize',
        files: {
          'accuracy.vl.json': lossSpec([0.5, 0.7, 0.8]),
          'loss.vl.json': lossSpec([0.9, 0.6, 0.4]),
          'notes.md': '# Run notes, second push\n',
        },
      },
      {
        action: 'synchronize',
        files: { 'loss.vl.json': lossSpec([0.9, 0.5, 0.3, 0.2]), 'summary.md': '# Summary, third push\n' },
      },
    ];
    const published: Array<{ headSha: string; figurls: FigurlOutput[] }> = [];
    for (const [i, push] of pushes.entries()) {
      if (i > 0) gh.putFile(fullName, 'feature', 'analysis.py', `print(${i + 1})\n`);
      const head = { number: pr.number, headSha: headOf('feature') };
      // GitHub sends pull_request as the push lands, while the workflow starts.
      await deliver('pull_request', pullRequestPayload(push.action, head));
      writeFigures(push.files);
      const figurls = await runActionFor(head, push.action);
      expect(figurls.map((f) => f.file)).toEqual(Object.keys(push.files).map((name) => `figures/${name}`));
      published.push({ headSha: head.headSha, figurls });
      await deliver('workflow_run', workflowRunPayload(head));
    }
    const [first, second, last] = published as [(typeof published)[0], (typeof published)[0], (typeof published)[0]];
    // Different content per push: no figURL repeats.
    const allUrls = published.flatMap((p) => p.figurls.map((f) => f.url));
    expect(new Set(allUrls).size).toBe(allUrls.length);

    const comments = appComments(pr.number);
    expect(comments).toHaveLength(1);
    const comment = comments[0] as { id: number; body: string };
    expect(comment.body).toContain(`Commit ${last.headSha}`);
    for (const figure of last.figurls) {
      expect(comment.body).toContain(figure.label);
      expect(comment.body).toContain(`(${figure.url})`);
    }
    for (const figure of [...first.figurls, ...second.figurls]) expect(comment.body).not.toContain(figure.url);
    expect(comment.body).not.toContain('ci · figures/notes.md');
    expect(comment.body).not.toContain('ci · figures/accuracy.vl.json');

    // Created once (the first workflow_run: at `opened` nothing was registered yet, so no empty
    // comment), then edited in place 4 times: each push's synchronize marks the new head's
    // figures as not yet registered, and its workflow_run fills them in — 2 pushes × 2.
    const creates = gh.requests.filter(
      (r) => r.method === 'POST' && r.path === `/repos/${fullName}/issues/${pr.number}/comments`,
    );
    expect(creates.map((r) => r.status)).toEqual([201]);
    const patches = gh.requests
      .filter((r) => r.method === 'PATCH' && r.path === `/repos/${fullName}/issues/comments/${comment.id}`)
      .map((r) => ({ status: r.status, body: (JSON.parse(r.body) as { body: string }).body }));
    expect(patches.map((p) => p.status)).toEqual([200, 200, 200, 200]);
    expect(patches[0]?.body).toContain(`No figures are registered for commit \`${second.headSha.slice(0, 7)}`);
    expect(patches[1]?.body).toContain(`(${second.figurls[0]?.url})`);
    expect(patches[2]?.body).toContain(`No figures are registered for commit \`${last.headSha.slice(0, 7)}`);
    expect(patches[3]?.body).toBe(comment.body);

    // One "figurl" check run per head commit; its Details link is that commit's first figURL.
    const token = gh.issueInstallationToken(installationId);
    for (const { headSha, figurls } of published) {
      const response = await fetch(`${gh.url}/repos/${fullName}/commits/${headSha}/check-runs`, {
        headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' },
        signal: AbortSignal.timeout(waitMs),
      });
      expect(response.status).toBe(200);
      const { check_runs: runs } = (await response.json()) as {
        check_runs: Array<{ name: string; head_sha: string; details_url: string; conclusion: string }>;
      };
      expect(runs.map((r) => [r.name, r.head_sha, r.conclusion])).toEqual([['figurl', headSha, 'success']]);
      expect(runs[0]?.details_url).toBe(figurls[0]?.url);
    }

    // Closing the pull request: GitHub sends pull_request.closed; no new comment, no new edit.
    const close = await fetch(`${gh.url}/repos/${fullName}/pulls/${pr.number}`, {
      method: 'PATCH',
      headers: { authorization: `token ${gh.issueToken(owner, ['repo'])}`, 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'closed' }),
      signal: AbortSignal.timeout(waitMs),
    });
    expect(close.status).toBe(200);
    const before = gh.requests.length;
    await deliver('pull_request', pullRequestPayload('closed', { number: pr.number, headSha: last.headSha }));
    expect(appComments(pr.number)).toEqual(comments);
    expect(gh.comments(fullName, pr.number)).toHaveLength(1);
    expect(
      gh.requests.slice(before).filter((r) => r.method !== 'GET' && r.path.startsWith(`/repos/${fullName}/issues`)),
    ).toEqual([]);
  }, 120_000);
});
