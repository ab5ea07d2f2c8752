import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningZone } from '@figurl/zone';
import webhooks from '@octokit/webhooks-examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stickyMarker } from '../../../action/src/find-sticky-comment.js';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { pullRequestRunEnv, runActionInProcess } from '../../support/run-action-in-process.js';
import { startIsolatedZone } from '../../support/start-isolated-zone.js';

/*
 * The Action's runAction() as the runner calls it: INPUT_* and GITHUB_* variables, a real
 * pull_request payload (@octokit/webhooks-examples) at GITHUB_EVENT_PATH, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files; against a running zone (real PostgreSQL) and the GitHub stand-in.
 */

const work = mkdtempSync(join(tmpdir(), 'figurl-action-'));
const workspace = join(work, 'workspace');
const examples = new URL('../../../action/examples/', import.meta.url).pathname;
let zone: RunningZone;
/** A second zone given the credentials of the figurl App, which is installed on octo/lab. */
let appZone: RunningZone;
let gh: GitHubStandIn;
let writeToken: string;
let readToken: string;
let pullNumber: number;
const headSha = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

beforeAll(async () => {
  zone = await startIsolatedZone(work);
  gh = await startGitHubStandIn();
  gh.addUser({ login: 'octo' });
  gh.createRepo({ owner: 'octo', name: 'lab' });
  gh.createBranch('octo/lab', 'feature');
  gh.putFile('octo/lab', 'feature', 'figures/notes.md', '# Run notes\n');
  pullNumber = gh.openPullRequest({ repo: 'octo/lab', head: 'feature', title: 'New figures' }).number;
  // GITHUB_TOKEN is an installation token of the "github-actions" app.
  gh.createApp({ appId: 15368, slug: 'github-actions' });
  const installation = gh.installApp('github-actions', { owner: 'octo' });
  // The figurl App, installed on octo's repositories; only appZone holds its private key.
  const figurlApp = gh.createApp({
    appId: 4242,
    slug: 'figurl',
    permissions: { metadata: 'read', pull_requests: 'write' },
  });
  gh.installApp('figurl', { owner: 'octo' });
  appZone = await startIsolatedZone(join(work, 'app'), {
    FIGURL_GITHUB_API_URL: gh.url,
    FIGURL_GITHUB_APP_ID: '4242',
    FIGURL_GITHUB_APP_PRIVATE_KEY: figurlApp.privateKeyPem,
  });
  writeToken = gh.issueInstallationToken(installation, {
    permissions: { metadata: 'read', contents: 'read', pull_requests: 'write', issues: 'write' },
  });
  readToken = gh.issueInstallationToken(installation, {
    permissions: { metadata: 'read', contents: 'read', pull_requests: 'read', issues: 'read' },
  });
  mkdirSync(join(workspace, 'figures'), { recursive: true });
  for (const name of ['loss.vl.json', 'notes.md', 'units.sortingview.json']) {
    writeFileSync(join(workspace, 'figures', name), readFileSync(join(examples, name)));
  }
  writeFileSync(join(workspace, 'figures', 'plot.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  // A real pull_request.opened payload, pointed at the stand-in's repository and pull request.
  const opened = webhooks
    .find((e) => e.name === 'pull_request')
    ?.examples.find((e) => 'action' in e && e.action === 'opened');
  const payload = structuredClone(opened) as unknown as {
    number: number;
    pull_request: { number: number; head: { sha: string } };
    repository: { full_name: string };
  };
  payload.number = pullNumber;
  payload.pull_request.number = pullNumber;
  payload.pull_request.head.sha = headSha;
  payload.repository.full_name = 'octo/lab';
  writeFileSync(join(work, 'event.json'), JSON.stringify(payload));
}, 120_000);

afterAll(async () => {
  await zone?.close();
  await appZone?.close();
  await gh?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs the Action once with the runner's variables; returns its outputs, summary and log. */
function runOnce(inputs: Record<string, string>) {
  return runActionInProcess(
    work,
    pullRequestRunEnv({
      repo: 'octo/lab',
      pullNumber,
      eventPath: join(work, 'event.json'),
      githubUrl: gh.url,
      workspace,
      zoneUrl: zone.url,
      githubToken: writeToken,
      shellUrl: 'https://shell.example.org',
      overrides: inputs,
    }),
  );
}

describe('the figurl Action on a pull request', () => {
  it('publishes every figure with repo, PR and commit, writes the outputs and the summary, and comments once', async () => {
    const run = await runOnce({});
    expect(run.failed, run.log).toBe(false);
    const figurls = JSON.parse(run.outputs.figurls ?? '[]') as Array<{
      label: string;
      url: string;
      file: string;
      kind: string;
    }>;
    expect(figurls.map((f) => [f.file, f.kind])).toEqual([
      ['figures/loss.vl.json', 'vega-lite'],
      ['figures/notes.md', 'markdown'],
      ['figures/plot.png', 'file'],
      ['figures/units.sortingview.json', 'sortingview'],
    ]);
    expect(figurls[0]?.label).toBe('ci · figures/loss.vl.json');
    expect(figurls[0]?.url).toMatch(
      /^https:\/\/shell\.example\.org\/f\?v=gs:\/\/figurl\/vegalite-2&d=sha1:\/\/[0-9a-f]{40}&label=ci%20%C2%B7%20figures\/loss\.vl\.json$/,
    );
    expect(run.outputs['first-figurl']).toBe(figurls[0]?.url);
    // The plain file is stored: its link downloads the very bytes.
    const png = await fetch(figurls[2]?.url ?? '');
    expect(Buffer.from(await png.arrayBuffer()).toString('hex')).toBe('89504e470d0a1a0a');

    const listed = await (await fetch(`${zone.url}/api/v1/figures?repo=octo/lab&pullRequest=${pullNumber}`)).json();
    const records = (listed as { figures: Array<Record<string, unknown>> }).figures;
    expect(records.map((r) => r.label).sort()).toEqual([
      'ci · figures/loss.vl.json',
      'ci · figures/notes.md',
      'ci · figures/units.sortingview.json',
    ]);
    for (const record of records)
      expect(record).toMatchObject({ repo: 'octo/lab', pullRequest: pullNumber, commitSha: headSha });

    expect(run.summary).toContain('<h3>figurl: 4 figures</h3>');
    expect(run.summary).toContain('<td>ci · figures/notes.md</td>');
    expect(run.summary).toContain(`<img src="${figurls[2]?.url}"`);
    expect(run.summary).toContain(`${gh.url}/octo/lab/actions/runs/9001`);

    const comments = gh.comments('octo/lab', pullNumber);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith(stickyMarker)).toBe(true);
    expect(comments[0]?.body).toContain(`[open](${figurls[1]?.url})`);
    expect(comments[0]?.body).toContain(`commit ${headSha.slice(0, 7)}`);
  });

  it('updates that comment on the next run, even behind 150 other comments, instead of adding one', async () => {
    const before = gh.comments('octo/lab', pullNumber);
    for (let i = 0; i < 150; i++) {
      const response = await fetch(`${gh.url}/repos/octo/lab/issues/${pullNumber}/comments`, {
        method: 'POST',
        headers: { authorization: `token ${writeToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `review note ${i}` }),
      });
      expect(response.status).toBe(201);
    }
    writeFileSync(join(workspace, 'figures', 'notes.md'), '# Run notes, second push\n');
    const run = await runOnce({});
    expect(run.failed, run.log).toBe(false);
    const sticky = gh.comments('octo/lab', pullNumber).filter((c) => c.body.startsWith(stickyMarker));
    expect(sticky).toHaveLength(1);
    expect(sticky[0]?.id).toBe(before[0]?.id);
    expect(sticky[0]?.body).toContain(JSON.parse(run.outputs.figurls ?? '[]')[1].url);
  });

  it('leaves the comment to the App when the zone, holding the App credentials, says it is installed', async () => {
    const before = gh.comments('octo/lab', pullNumber);
    const seen = gh.requests.length;
    const run = await runOnce({ 'INPUT_ZONE-URL': appZone.url });
    expect(run.failed, run.log).toBe(false);
    expect(run.log).toContain('The figurl App is installed on this repository (the zone says)');
    expect(run.summary).toContain('The figurl App comments on the pull request.');
    expect(JSON.parse(run.outputs.figurls ?? '[]')).toHaveLength(4);
    // The Action neither added nor edited a comment.
    expect(gh.comments('octo/lab', pullNumber)).toEqual(before);
    // The zone asked GitHub as the App; the Action's own token never asked (it would get 401).
    const asked = gh.requests.slice(seen).filter((r) => r.path === '/repos/octo/lab/installation');
    expect(asked.map((r) => r.status)).toEqual([200]);
    expect(gh.requests.slice(seen).filter((r) => r.path.includes('/comments'))).toEqual([]);
  });

  it('warns and does not fail when the token may not write to the pull request (a fork PR)', async () => {
    const count = gh.comments('octo/lab', pullNumber).length;
    const run = await runOnce({ 'INPUT_GITHUB-TOKEN': readToken });
    expect(run.failed, run.log).toBe(false);
    expect(run.log).toMatch(/::warning::Not commenting on pull request #\d+: the token may not write to it \(HTTP 403/);
    expect(run.outputs['first-figurl']).toMatch(/^https:\/\/shell\.example\.org\/f\?/);
    expect(gh.comments('octo/lab', pullNumber)).toHaveLength(count);
  });

  it('fails after publishing the others when a file is bad, naming it', async () => {
    writeFileSync(join(workspace, 'figures', 'broken.json'), '{"mark": ');
    try {
      const run = await runOnce({ INPUT_COMMENT: 'off' });
      expect(run.failed).toBe(true);
      expect(run.log).toMatch(
        /::error::1 problem \(the other figures were published\):%0Afigures\/broken\.json: invalid JSON in "figures\/broken\.json"/,
      );
      expect(JSON.parse(run.outputs.figurls ?? '[]')).toHaveLength(4);
      expect(run.summary).toContain('<code>figures/broken.json</code>');
    } finally {
      rmSync(join(workspace, 'figures', 'broken.json'));
    }
  });
});
