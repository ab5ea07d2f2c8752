import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueId } from '@figurl/prisma';
import {
  type CurationClient,
  createCurationClient,
  createZoneClient,
  type SortingCurationAction,
  savedCurationJson,
} from '@figurl/sdk';
import { hashToken } from '@figurl/zone';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runSnapshotPass, type SnapshotPassResult } from '../../../bot/src/snapshots/run-snapshot-pass.js';
import { createSnapshotStateFile, type SnapshotStateStore } from '../../../bot/src/snapshots/snapshot-state-file.js';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

// The worker against a real zone (fresh PostgreSQL) and the GitHub stand-in's git data API,
// authenticated as an installation of the App, as the bot runs it.
let zone: TestZone;
let url: string;
let gh: GitHubStandIn;
let stateDir: string;
let adminToken: string;
const owner = 'snapshot-owner';
let installationId: number;

beforeAll(async () => {
  zone = await createTestZoneApp();
  url = await zone.app.listen({ host: '127.0.0.1', port: 0 });
  gh = await startGitHubStandIn();
  gh.addUser({ login: owner });
  gh.createApp({
    appId: 4101,
    slug: 'figurl-snapshots',
    permissions: { contents: 'write', pull_requests: 'write', metadata: 'read' },
  });
  installationId = gh.installApp('figurl-snapshots', { owner });
  stateDir = await mkdtemp(join(tmpdir(), 'figurl-snapshots-'));
  const admin = login('bot');
  await zone.context.identities.setMember({
    zoneName: zone.zoneName,
    userId: admin,
    isAdmin: true,
    canUpload: true,
    canDownload: true,
  });
  adminToken = await tokenFor(admin, ['admin']);
});
afterAll(async () => {
  await zone?.close();
  await gh?.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

const login = (name: string) => uniqueId(name).slice(0, 30);

async function tokenFor(userId: string, scopes = ['upload', 'download']): Promise<string> {
  const token = `figurl_${randomBytes(16).toString('hex')}`;
  await zone.context.identities.createToken({ userId, tokenHash: hashToken(token), label: 't', scopes });
  return token;
}

const curationsAs = (token: string): CurationClient =>
  createCurationClient(createZoneClient({ baseUrl: url, fetch, zone: zone.zoneName, token }).connection);

/** An installation-authenticated client, as Probot hands one to the app. */
function installationOctokit(): Octokit {
  // Octokit logs every 404 and 422; the worker expects them (absent files, moved heads).
  return new Octokit({ baseUrl: gh.url, auth: gh.issueInstallationToken(installationId), log: quiet });
}

/**
 * A repository, a curation linked to it, and a worker with its own state file. The state file
 * starts at the outbox's current end, so other tests' curations are not this worker's business
 * (the zone's outbox is shared by the tests of this file).
 */
async function setUp(options: { octokit?: Octokit; config?: string } = {}) {
  const name = login('data');
  gh.createRepo({ owner, name });
  if (options.config !== undefined) gh.putFile(`${owner}/${name}`, 'main', '.github/figurl.yml', options.config);
  const [alice, bob, carol] = [login('alice'), login('bob'), login('carol')];
  const asAlice = curationsAs(await tokenFor(alice));
  const asBob = curationsAs(await tokenFor(bob));
  const asCarol = curationsAs(await tokenFor(carol));
  const asBot = curationsAs(adminToken);
  const state: SnapshotStateStore = createSnapshotStateFile(join(stateDir, `${name}.json`));
  await state.save({ after: await outboxEnd(asBot), versions: {}, pending: [] });
  const created = await asAlice.create({ label: 'sorting', editors: [bob, carol], editRepo: `${owner}/${name}` });
  const octokit = options.octokit ?? installationOctokit();
  const pass = (): Promise<SnapshotPassResult[]> =>
    runSnapshotPass({ curations: asBot, octokitFor: async () => octokit, state });
  return {
    repo: `${owner}/${name}`,
    name,
    curationId: created.curationId,
    alice,
    bob,
    carol,
    asAlice,
    asBob,
    asCarol,
    asBot,
    pass,
    state,
  };
}

async function outboxEnd(client: CurationClient): Promise<number> {
  let after = 0;
  for (;;) {
    const page = await client.events({ topic: 'curation.changed', after, limit: 1000 });
    after = page.next;
    if (page.events.length < 1000) return after;
  }
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const label = (unitId: number, text: string): SortingCurationAction => ({
  type: 'ADD_UNIT_LABEL',
  unitId,
  label: text,
});

describe('curation snapshots', () => {
  test('an edit ends as exactly one commit with the saved curation; running again commits nothing', async () => {
    const s = await setUp();
    await s.asAlice.act(s.curationId, [label(1, 'noise')]);
    await s.asBob.act(s.curationId, [label(2, 'accept'), { type: 'MERGE_UNITS', unitIds: [3, 10] }]);
    const before = gh.commits(s.repo, 'main').length;

    const results = await s.pass();
    expect(results).toEqual([
      {
        curationId: s.curationId,
        outcome: 'committed',
        version: 3,
        repo: s.repo,
        path: `curations/${s.curationId}.json`,
      },
    ]);
    const commits = gh.commits(s.repo, 'main');
    expect(commits).toHaveLength(before + 1);
    const final = await s.asBot.get(s.curationId);
    expect(gh.getFile(s.repo, 'main', `curations/${s.curationId}.json`).toString('utf8')).toBe(
      savedCurationJson(final.state),
    );
    expect(commits.at(-1)?.message).toBe(`figurl: curation ${s.curationId} v3 by ${s.alice}, ${s.bob}\n\n[skip ci]`);
    expect(commits.at(-1)?.parents).toEqual([commits.at(-2)?.sha]);

    // No change: no commit, and no write request at all.
    const requestsBefore = gh.requests.length;
    expect(await s.pass()).toEqual([]);
    expect(gh.commits(s.repo, 'main')).toHaveLength(before + 1);
    expect(gh.requests.slice(requestsBefore).filter((r) => r.method !== 'GET')).toEqual([]);

    // The next change names only its own curator.
    await s.asBob.act(s.curationId, [label(4, 'mua')]);
    await s.pass();
    expect(gh.commits(s.repo, 'main').at(-1)?.message).toBe(
      `figurl: curation ${s.curationId} v4 by ${s.bob}\n\n[skip ci]`,
    );
  });

  test('a worker that lost its state finds identical content and commits nothing', async () => {
    const s = await setUp({ config: 'curation:\n  path: data/{curationId}/curation.json\n' });
    await s.asAlice.act(s.curationId, [label(1, 'noise')]);
    expect((await s.pass())[0]).toMatchObject({ outcome: 'committed', path: `data/${s.curationId}/curation.json` });
    const after = gh.commits(s.repo, 'main').length;
    await s.state.save({ after: 0, versions: {}, pending: [] });
    const replayed = await s.pass();
    expect(replayed.find((r) => r.curationId === s.curationId)).toMatchObject({ outcome: 'unchanged', version: 1 });
    expect(gh.commits(s.repo, 'main')).toHaveLength(after);
  });

  test('a protected branch gets one pull request, updated by the next change', async () => {
    const s = await setUp();
    gh.setBranchProtection(s.repo, 'main', { requirePullRequest: true, enforceAdmins: true });
    const mainBefore = gh.commits(s.repo, 'main').length;
    const branch = `figurl/curation-${s.curationId}`;
    const path = `curations/${s.curationId}.json`;

    await s.asAlice.act(s.curationId, [label(1, 'noise')]);
    const [first] = await s.pass();
    expect(first).toMatchObject({ outcome: 'pull-request', version: 1 });
    await s.asBob.act(s.curationId, [label(2, 'accept')]);
    const [second] = await s.pass();
    expect(second).toMatchObject({ outcome: 'pull-request', version: 2 });
    expect(second && 'pullNumber' in second && second.pullNumber).toBe(
      first && 'pullNumber' in first && first.pullNumber,
    );

    expect(gh.commits(s.repo, 'main')).toHaveLength(mainBefore);
    const octokit = installationOctokit();
    const { data: pulls } = await octokit.rest.pulls.list({ owner, repo: s.name, state: 'open' });
    expect(pulls.map((p) => [p.head.ref, p.base.ref, p.title])).toEqual([
      [branch, 'main', `figurl: curation ${s.curationId} v2`],
    ]);
    const final = await s.asBot.get(s.curationId);
    expect(gh.getFile(s.repo, branch, path).toString('utf8')).toBe(savedCurationJson(final.state));
    expect(
      gh
        .commits(s.repo, branch)
        .slice(-2)
        .map((c) => c.message.split('\n')[0]),
    ).toEqual([`figurl: curation ${s.curationId} v1 by ${s.alice}`, `figurl: curation ${s.curationId} v2 by ${s.bob}`]);
    // Nothing new: no commit on the branch, still one pull request.
    await s.pass();
    expect(gh.commits(s.repo, branch).at(-1)?.message.split('\n')[0]).toBe(
      `figurl: curation ${s.curationId} v2 by ${s.bob}`,
    );
  });

  test('G15: racing edits and a concurrent push lose nothing; the file ends as the zone state', async () => {
    // Between our read of the ref and its update, someone pushes (once): the update is not a
    // fast forward, and the worker must rebuild on the new head without dropping that push.
    const octokit = installationOctokit();
    let pushed = false;
    let repo = '';
    octokit.hook.before('request', (options) => {
      if (!pushed && options.method === 'PATCH' && String(options.url).includes('/git/refs/')) {
        pushed = true;
        gh.putFile(repo, 'main', 'README.md', 'pushed by a person meanwhile\n');
      }
    });
    const s = await setUp({ octokit });
    repo = s.repo;
    await s.asAlice.act(s.curationId, [label(0, 'start')]);

    const racing = [
      ...Array.from({ length: 10 }, (_, i) => s.asAlice.act(s.curationId, [label(i, 'accept')])),
      ...Array.from({ length: 10 }, (_, i) => s.asBob.act(s.curationId, [label(i, 'mua')])),
      ...Array.from({ length: 10 }, (_, i) =>
        s.asCarol.act(s.curationId, [{ type: 'MERGE_UNITS', unitIds: [100 + i, 200 + i] }]),
      ),
    ];
    // Passes run while the edits land; then one more after the last one.
    const passes: SnapshotPassResult[][] = [];
    const settled = Promise.all(racing);
    let done = false;
    void settled.then(() => {
      done = true;
    });
    while (!done) passes.push(await s.pass());
    await settled;
    passes.push(await s.pass());

    expect(pushed).toBe(true);
    const final = await s.asBot.get(s.curationId);
    expect(final.version).toBe(31);
    expect(gh.getFile(s.repo, 'main', `curations/${s.curationId}.json`).toString('utf8')).toBe(
      savedCurationJson(final.state),
    );
    expect(gh.getFile(s.repo, 'main', 'README.md').toString('utf8')).toBe('pushed by a person meanwhile\n');
    // One linear history: every commit's parent is the one before (no force pushes).
    const commits = gh.commits(s.repo, 'main');
    for (const [i, commit] of commits.entries()) if (i > 0) expect(commit.parents).toEqual([commits[i - 1]?.sha]);
    // Every curator is named in some snapshot message.
    const messages = commits.map((c) => c.message).join('\n');
    for (const who of [s.alice, s.bob, s.carol]) expect(messages).toContain(who);
    expect(passes.flat().filter((r) => r.outcome === 'failed')).toEqual([]);
  });
});
