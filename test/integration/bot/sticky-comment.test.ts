import type { FigureClient } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotServer } from '../../../bot/src/start-bot-server.js';
import { type BotHarness, botWebhookSecret, startBotHarness } from '../../support/bot-harness.js';
import type { GitHubStandIn } from '../../support/github-stand-in.js';
import { deliverWebhook, loadWebhookExample } from '../../support/webhook-deliveries.js';

/*
 * The GitHub App against the GitHub stand-in and a real zone (fresh zone on the test
 * PostgreSQL): deliveries signed as GitHub signs them go to the bot's HTTP endpoint; the Action's
 * part (registering figures for a commit) is done here through the sdk's figure client.
 */

const secret = botWebhookSecret;
const marker = '<!-- figurl:figures -->';

let h: BotHarness;
let gh: GitHubStandIn;
let figures: FigureClient;
let bot: BotServer;
let installationId: number;
let fullName: string;

beforeAll(async () => {
  h = await startBotHarness({ owner: 'octo', collaborators: [{ login: 'reviewer', permission: 'pull' }] });
  ({ gh, figures, bot, installationId, fullName } = h);
});

afterAll(() => h?.close());

const hex = (n: number) => n.toString(16).padStart(40, '0');
let dataCounter = 1;

async function registerFigures(commitSha: string, pullRequest: number | undefined, labels: readonly string[]) {
  for (const label of labels) {
    await figures.register({
      viewUri: 'vegalite',
      dataUri: `sha1://${hex(dataCounter++)}`,
      label,
      repo: fullName,
      ...(pullRequest === undefined ? {} : { pullRequest }),
      commitSha,
      requireData: false,
    });
  }
}

function pullRequestEvent(action: string, pull: { number: number; headSha: string; branch: string }) {
  const payload = loadWebhookExample('pull_request', action, {
    repo: fullName,
    number: pull.number,
    headSha: pull.headSha,
    installationId,
  });
  const pr = payload.pull_request as { base: { ref: string }; head: { ref: string } };
  pr.base.ref = 'main';
  pr.head.ref = pull.branch;
  return payload;
}

const deliver = (event: string, payload: unknown, deliveryId?: string) => h.deliver(event, payload, deliveryId);

const headOf = (branch: string) => gh.commits(fullName, branch).at(-1)?.sha ?? '';
const botComments = (number: number) =>
  gh.comments(fullName, number).filter((c) => c.login === 'figurl[bot]' && c.body.includes(marker));
const commentPatches = (id: number) =>
  gh.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/issues/comments/${id}`) && r.status === 200);

describe('the figurl GitHub App', () => {
  it('keeps exactly one comment per pull request, updated in place on each push, and a check run per commit', async () => {
    gh.createBranch(fullName, 'feature');
    gh.putFile(fullName, 'feature', 'analysis.py', 'print(1)\n');
    const pr = gh.openPullRequest({ repo: fullName, head: 'feature', title: 'New analysis' });
    // The base branch has a figure with a label the PR also makes: a base-vs-head link.
    await registerFigures(headOf('main'), undefined, ['firing rates']);

    const first = headOf('feature');
    await registerFigures(first, pr.number, ['firing rates', 'raster']);
    const opened = await deliver(
      'pull_request',
      pullRequestEvent('opened', { ...pr, headSha: first, branch: 'feature' }),
    );
    expect(opened.status).toBe(202);
    const [created] = botComments(pr.number);
    expect(botComments(pr.number)).toHaveLength(1);
    expect(created?.body).toContain(`Commit ${first}`);
    expect(created?.body).toMatch(/\| firing rates \| \[open\]\(https:\/\/figurl\.test\/f\?v=vegalite&d=sha1:\/\//);
    expect(created?.body).toContain('[base](https://figurl.test/f?v=vegalite');

    gh.putFile(fullName, 'feature', 'analysis.py', 'print(2)\n');
    const second = headOf('feature');
    await registerFigures(second, pr.number, ['firing rates', 'raster', 'waveforms']);
    await deliver('pull_request', pullRequestEvent('synchronize', { ...pr, headSha: second, branch: 'feature' }));

    gh.putFile(fullName, 'feature', 'analysis.py', 'print(3)\n');
    const third = headOf('feature');
    await deliver('pull_request', pullRequestEvent('synchronize', { ...pr, headSha: third, branch: 'feature' }));
    // The workflow registers the third commit's figures, then its completion reaches the app.
    await registerFigures(third, pr.number, ['raster']);
    const run = loadWebhookExample('workflow_run', 'completed', { repo: fullName, installationId });
    const workflowRun = run.workflow_run as { head_sha: string; pull_requests: unknown[] };
    workflowRun.head_sha = third;
    workflowRun.pull_requests = [
      { number: pr.number, head: { sha: third, ref: 'feature' }, base: { sha: headOf('main'), ref: 'main' } },
    ];
    await deliver('workflow_run', run);

    const comments = botComments(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(created?.id);
    expect(comments[0]?.body).toContain(`Commit ${third}`);
    expect(comments[0]?.body).toContain('1 figure for');
    // Edited in place for each push: the second commit's figures; the third push before its
    // workflow finished (figures pending); the third commit's figures.
    const patches = commentPatches(created?.id ?? 0).map((r) => (JSON.parse(r.body) as { body: string }).body);
    expect(patches).toHaveLength(3);
    expect(patches[0]).toContain('3 figures for');
    expect(patches[1]).toContain('No figures are registered for commit');
    expect(patches[2]).toContain(`Commit ${third}`);

    const checks = gh.requests.filter((r) => r.method === 'POST' && r.path === `/repos/${fullName}/check-runs`);
    const heads = checks.map((r) => (JSON.parse(r.body) as { head_sha: string }).head_sha);
    expect(new Set(heads)).toEqual(new Set([first, second, third]));
    const lastCheck = JSON.parse(checks.at(-1)?.body ?? '{}') as {
      name: string;
      details_url: string;
      conclusion: string;
    };
    expect(lastCheck).toMatchObject({ name: 'figurl', conclusion: 'success' });
    expect(lastCheck.details_url).toMatch(/^https:\/\/figurl\.test\/f\?v=vegalite&d=sha1:\/\/.*&label=raster/);
  });

  it('finds its comment behind 150 earlier comments instead of making a second one', async () => {
    gh.createBranch(fullName, 'busy');
    gh.putFile(fullName, 'busy', 'notes.md', 'busy\n');
    const pr = gh.openPullRequest({ repo: fullName, head: 'busy', title: 'Busy discussion' });
    const token = gh.issueToken('reviewer', ['repo']);
    for (let i = 0; i < 150; i += 1) {
      const response = await fetch(`${gh.url}/repos/${fullName}/issues/${pr.number}/comments`, {
        method: 'POST',
        headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `comment ${i}${i === 3 ? ` ${marker} (pasted by a human)` : ''}` }),
      });
      expect(response.status).toBe(201);
    }
    const head = headOf('busy');
    await registerFigures(head, pr.number, ['summary']);
    await deliver('pull_request', pullRequestEvent('opened', { ...pr, headSha: head, branch: 'busy' }));
    expect(botComments(pr.number)).toHaveLength(1);

    gh.putFile(fullName, 'busy', 'notes.md', 'busier\n');
    const next = headOf('busy');
    await registerFigures(next, pr.number, ['summary']);
    await deliver('pull_request', pullRequestEvent('synchronize', { ...pr, headSha: next, branch: 'busy' }));
    const comments = botComments(pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(`Commit ${next}`);
    // The human's copy of the marker was left alone.
    expect(gh.comments(fullName, pr.number).find((c) => c.body.includes('pasted by a human'))?.login).toBe('reviewer');
  });

  it('processes a redelivered delivery once, rejects tampered ones, and acks fast while GitHub is slow', async () => {
    gh.createBranch(fullName, 'dupes');
    gh.putFile(fullName, 'dupes', 'x.txt', 'x\n');
    const pr = gh.openPullRequest({ repo: fullName, head: 'dupes', title: 'Dupes' });
    const head = headOf('dupes');
    await registerFigures(head, pr.number, ['one']);
    const payload = pullRequestEvent('opened', { ...pr, headSha: head, branch: 'dupes' });
    const listCalls = () =>
      gh.requests.filter((r) => r.method === 'GET' && r.path === `/repos/${fullName}/issues/${pr.number}/comments`)
        .length;

    const tampered = await deliverWebhook(bot.webhookUrl, { event: 'pull_request', payload, secret, tamper: 'body' });
    expect(tampered.status).toBe(400);
    const unsigned = await deliverWebhook(bot.webhookUrl, {
      event: 'pull_request',
      payload,
      secret,
      tamper: 'missing-signature',
    });
    expect(unsigned.status).toBe(400);
    await bot.queue.onIdle();
    expect(listCalls()).toBe(0);

    gh.setLatency(1500);
    const deliveryId = crypto.randomUUID();
    const firstTry = await deliverWebhook(bot.webhookUrl, { event: 'pull_request', payload, secret, deliveryId });
    const again = await deliverWebhook(bot.webhookUrl, { event: 'pull_request', payload, secret, deliveryId });
    expect(firstTry.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body).toContain('already accepted');
    expect(firstTry.durationMs).toBeLessThan(1000);
    await bot.queue.onIdle();
    gh.setLatency(0);
    expect(listCalls()).toBe(1);
    expect(botComments(pr.number)).toHaveLength(1);
  }, 60_000);
});
