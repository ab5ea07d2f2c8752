// `npm run bench:github -w @figurl/bench`: webhook → sticky comment updated, the figurl App in its
// own process (`node --import tsx bot/src/server.ts`, as `npm start` runs it) against the GitHub
// stand-in (in this process) and a real zone process; baseline: the bare requests the App must
// make, done directly with Octokit and the sdk client from this process, in the same run.
import { join } from 'node:path';
import { createFigureClient, createZoneClient } from '@figurl/sdk';
import { Octokit } from '@octokit/rest';
import { startGitHubStandIn } from '../test/support/github-stand-in.js';
import { deliverWebhook, loadWebhookExample } from '../test/support/webhook-deliveries.js';
import { updateCommentDirectly } from './github/update-comment-directly.js';
import { watchStandInRequests } from './github/watch-stand-in-requests.js';
import { parseBenchSettings } from './support/bench-settings.js';
import { formatTable, type TableRow, verdictOf } from './support/format-table.js';
import { machineNote } from './support/machine-note.js';
import { startBenchRun } from './support/start-bench-run.js';
import { startServerProcess } from './support/start-server-process.js';
import { startZoneProcess } from './support/start-zone-process.js';

const deliveries = 100;
const figuresPerPush = 3;
/** Human comments before the App's: its comment sits on the second page of 100. */
const earlierComments = 120;
const targetMs = 1000;
/** Every wait is bounded by this. */
const waitMs = 15_000;
const owner = 'octo';
const repo = 'lab';
const fullName = `${owner}/${repo}`;
const secret = 'bench-webhook-secret-0123456789';
const marker = '<!-- figurl:figures -->';
/**
 * Each delivery is sent at least this long after the App's previous write (its last check run):
 * Probot's Octokit (plugin-throttling) spaces content-creating requests 1 s apart process-wide,
 * as GitHub asks; back to back, a delivery would measure mostly that wait (see bench/README.md).
 */
const paceMs = 1100;

const settings = parseBenchSettings(process.env);
const bench = await startBenchRun('figurl-bench-github-', settings.databaseUrl);

try {
  const zone = await startZoneProcess({ dataDir: join(bench.work, 'zone'), databaseUrl: bench.database.url });
  bench.onCleanUp(() => zone.stop());
  const gh = await startGitHubStandIn();
  bench.onCleanUp(() => gh.close());
  const watch = watchStandInRequests(gh.requests);
  gh.addUser({ login: owner });
  gh.addUser({ login: 'reviewer' });
  const app = gh.createApp({
    appId: 5151,
    slug: 'figurl',
    permissions: { metadata: 'read', contents: 'write', pull_requests: 'write', issues: 'write', checks: 'write' },
  });
  gh.createRepo({ owner, name: repo, collaborators: [{ login: 'reviewer', permission: 'push' }] });
  const installationId = gh.installApp('figurl', { owner });
  const bot = await startServerProcess({
    script: 'bot/src/server.ts',
    env: {
      APP_ID: '5151',
      PRIVATE_KEY: app.privateKeyPem,
      WEBHOOK_SECRET: secret,
      GITHUB_API_URL: gh.url,
      FIGURL_ZONE_URL: zone.url,
      FIGURL_SHELL_URL: 'https://figurl.test',
      HOST: '127.0.0.1',
      PORT: '0',
      // info: the ready line is logged at info; the App logs nothing per delivery unless it fails.
      LOG_LEVEL: 'info',
    },
    ready: /figurl bot listening on (http:\/\/[^\s"]+)/,
  });
  bench.onCleanUp(() => bot.stop());
  const webhookUrl = bot.url;
  const figures = createFigureClient(createZoneClient({ baseUrl: zone.url, fetch }).connection);
  const octokit = new Octokit({ baseUrl: gh.url, auth: gh.issueInstallationToken(installationId) });

  console.log(`figurl GitHub App bench — ${bench.database.description}`);
  console.log(
    machineNote(
      `1 pull request × ${deliveries} pushes (synchronize deliveries, one at a time, each ≥ ${paceMs} ms after the App's previous write), ${figuresPerPush} figures registered per push, ${earlierComments} earlier comments`,
    ),
  );

  gh.createBranch(fullName, 'feature');
  gh.putFile(fullName, 'feature', 'analysis.py', 'print(0)\n');
  const pr = gh.openPullRequest({ repo: fullName, head: 'feature', title: 'Recompute' });
  const reviewer = gh.issueToken('reviewer', ['repo']);
  for (let i = 0; i < earlierComments; i++) {
    const response = await fetch(`${gh.url}/repos/${fullName}/issues/${pr.number}/comments`, {
      method: 'POST',
      headers: { authorization: `token ${reviewer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `review note ${i}` }),
      signal: AbortSignal.timeout(waitMs),
    });
    if (response.status !== 201) throw new Error(`comment ${i}: HTTP ${response.status}`);
  }

  let dataCounter = 1;
  const headOf = () => gh.commits(fullName, 'feature').at(-1)?.sha ?? '';
  const push = async (n: number) => {
    if (n > 0) gh.putFile(fullName, 'feature', 'analysis.py', `print(${n})\n`);
    const sha = headOf();
    for (const label of ['firing rates', 'raster', 'waveforms'].slice(0, figuresPerPush)) {
      await figures.register({
        viewUri: 'vegalite',
        dataUri: `sha1://${(dataCounter++).toString(16).padStart(40, '0')}`,
        label,
        repo: fullName,
        pullRequest: pr.number,
        commitSha: sha,
        requireData: false,
      });
    }
    return sha;
  };
  const checkRunOf = (sha: string) =>
    watch.next(
      (r) =>
        r.method === 'POST' &&
        r.path === `/repos/${fullName}/check-runs` &&
        (JSON.parse(r.body) as { head_sha?: string }).head_sha === sha,
      waitMs,
      `the check run of ${sha}`,
    );
  const synchronize = (sha: string) => {
    const payload = loadWebhookExample('pull_request', 'synchronize', {
      repo: fullName,
      number: pr.number,
      headSha: sha,
      installationId,
    });
    const pull = payload.pull_request as { base: { ref: string }; head: { ref: string } };
    pull.base.ref = 'main';
    pull.head.ref = 'feature';
    return payload;
  };

  // Warm-up (not counted): the first delivery authenticates (JWT, installation token, GET /app)
  // and creates the comment.
  const warmSha = await push(0);
  const created = watch.next(
    (r) => r.method === 'POST' && r.path === `/repos/${fullName}/issues/${pr.number}/comments` && r.status === 201,
    waitMs,
    'the comment',
  );
  const warmCheck = checkRunOf(warmSha);
  await deliverWebhook(webhookUrl, { event: 'pull_request', payload: synchronize(warmSha), secret });
  await created;
  const comment = gh.comments(fullName, pr.number).find((c) => c.login === 'figurl[bot]' && c.body.includes(marker));
  if (comment === undefined) throw new Error('the App made no comment');
  const commentPath = `/repos/${fullName}/issues/comments/${comment.id}`;
  const patched = (what: string) =>
    watch.next((r) => r.method === 'PATCH' && r.path === commentPath && r.status === 200, waitMs, what);

  const botMs: number[] = [];
  const ackMs: number[] = [];
  const baselineMs: number[] = [];
  let lastWriteAt = await warmCheck;
  const runBot = async (sha: string) => {
    const idle = lastWriteAt + paceMs - performance.now();
    if (idle > 0) await new Promise((resolve) => setTimeout(resolve, idle));
    const landed = patched(`the App's PATCH for ${sha}`);
    const done = checkRunOf(sha);
    const started = performance.now();
    const ack = await deliverWebhook(webhookUrl, { event: 'pull_request', payload: synchronize(sha), secret });
    if (ack.status !== 202) throw new Error(`delivery for ${sha}: HTTP ${ack.status} ${ack.body}`);
    ackMs.push(ack.durationMs);
    botMs.push((await landed) - started);
    lastWriteAt = await done; // the App's work for this delivery is over: the next one starts on a quiet App
  };
  const runBaseline = async (sha: string) => {
    const landed = patched(`the baseline's PATCH for ${sha}`);
    const started = performance.now();
    await updateCommentDirectly({
      octokit,
      figures,
      owner,
      repo,
      pullRequest: pr.number,
      commitSha: sha,
      marker,
      login: 'figurl[bot]',
    });
    baselineMs.push((await landed) - started);
  };
  for (let i = 1; i <= deliveries; i++) {
    const sha = await push(i);
    // Alternate who goes first, so neither always meets a warmer cache.
    if (i % 2 === 0) {
      await runBot(sha);
      await runBaseline(sha);
    } else {
      await runBaseline(sha);
      await runBot(sha);
    }
  }
  if (gh.comments(fullName, pr.number).filter((c) => c.body.includes(marker)).length !== 1) {
    throw new Error('more than one sticky comment: the run does not count');
  }

  const bot100 = summarize(botMs);
  const base100 = summarize(baselineMs);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  const rows: TableRow[] = [
    {
      measurement: `webhook → comment PATCH p99 (${deliveries} deliveries)`,
      ours: ms(bot100.p99),
      baseline: `${ms(base100.p99)} (direct requests)`,
      ratio: ratio(bot100.p99, base100.p99),
      target: `< ${targetMs} ms`,
      verdict: verdictOf(bot100.p99 < targetMs),
    },
    {
      measurement: '  p50',
      ours: ms(bot100.p50),
      baseline: ms(base100.p50),
      ratio: ratio(bot100.p50, base100.p50),
      target: '',
      verdict: '',
    },
    {
      measurement: '  max',
      ours: ms(bot100.max),
      baseline: ms(base100.max),
      ratio: ratio(bot100.max, base100.max),
      target: '',
      verdict: '',
    },
    {
      measurement: '  webhook acknowledged (202), p99',
      ours: ms(summarize(ackMs).p99),
      baseline: '',
      ratio: '',
      target: '',
      verdict: '',
    },
  ];
  console.log(formatTable(rows));
  console.log('ratio = ours / baseline (time; lower is better)');
  const firstTen = (values: number[]) =>
    values
      .slice(0, 10)
      .map((v) => v.toFixed(0))
      .join(' ');
  const lastTen = (values: number[]) =>
    values
      .slice(-10)
      .map((v) => v.toFixed(0))
      .join(' ');
  console.log(`App, ms: first 10 ${firstTen(botMs)} | last 10 ${lastTen(botMs)}`);
  console.log(`baseline, ms: first 10 ${firstTen(baselineMs)} | last 10 ${lastTen(baselineMs)}`);
  console.log(machineNote('at the end'));
} finally {
  await bench.cleanUp();
}

/** p50, p99 (nearest rank) and max of the samples, in ms. */
function summarize(samples: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) ?? Number.NaN };
}
