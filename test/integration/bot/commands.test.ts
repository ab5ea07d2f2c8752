import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotHarness, startBotHarness } from '../../support/bot-harness.js';
import { createTokenUser, type TestUser } from '../../support/figure-fixtures.js';
import { loadWebhookExample } from '../../support/webhook-deliveries.js';

/*
 * `/figurl` commands on a pull request: answered for people who may push, ignored for others;
 * `pin` pins the pull request's figures in the zone, which the bot may do for figures a CI token
 * made because it acts as a zone admin.
 */

let h: BotHarness;
let ci: TestUser;
let pullNumber: number;

beforeAll(async () => {
  h = await startBotHarness({
    owner: 'octo',
    collaborators: [
      { login: 'maintainer', permission: 'push' },
      { login: 'reader', permission: 'pull' },
    ],
    // The bot's zone identity is a zone admin with an admin token (README: Install the GitHub App).
    botZoneToken: async (zone) => {
      const bot = await createTokenUser(zone, { id: 'figurl-bot', scopes: ['upload', 'download', 'admin'] });
      await zone.context.identities.setMember({
        zoneName: zone.zoneName,
        userId: bot.id,
        canUpload: true,
        canDownload: true,
        isAdmin: true,
      });
      return bot.token;
    },
  });
  ci = await createTokenUser(h.zone, { id: 'ci' });
  h.gh.createBranch(h.fullName, 'feature');
  h.gh.putFile(h.fullName, 'feature', 'a.txt', 'a\n');
  pullNumber = h.gh.openPullRequest({ repo: h.fullName, head: 'feature', title: 'Figures' }).number;
  // Two figures of the pull request, registered by CI (owner "ci"), not by the bot.
  for (const label of ['raster', 'waveforms']) {
    const res = await fetch(`${h.zoneUrl}/api/v1/figures?zone=${h.zone.zoneName}`, {
      method: 'POST',
      headers: { ...ci.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        viewUri: 'vegalite',
        dataUri: `sha1://${label === 'raster' ? 'a' : 'b'}${'0'.repeat(39)}`,
        label,
        repo: h.fullName,
        pullRequest: pullNumber,
        commitSha: h.gh.commits(h.fullName, 'feature').at(-1)?.sha,
        requireData: false,
      }),
    });
    expect(res.status, await res.text()).toBe(201);
  }
});
afterAll(() => h?.close());

function commentEvent(user: string, body: string) {
  const payload = loadWebhookExample('issue_comment', 'created', {
    repo: h.fullName,
    installationId: h.installationId,
  });
  const event = payload as {
    issue: { number: number; pull_request?: unknown };
    comment: { body: string; user: { login: string; type: string } };
    sender: { login: string; type: string };
  };
  event.issue.number = pullNumber;
  event.issue.pull_request = { url: `${h.gh.url}/repos/${h.fullName}/pulls/${pullNumber}` };
  event.comment.body = body;
  event.comment.user = { ...event.comment.user, login: user, type: 'User' };
  event.sender = { ...event.sender, login: user, type: 'User' };
  return payload;
}

const replies = () => h.gh.comments(h.fullName, pullNumber).filter((c) => c.login === 'figurl[bot]');
const pinnedLabels = async () => {
  const res = await fetch(
    `${h.zoneUrl}/api/v1/figures?zone=${h.zone.zoneName}&repo=${h.fullName}&pullRequest=${pullNumber}`,
    {
      headers: ci.headers,
    },
  );
  const { figures } = (await res.json()) as { figures: Array<{ label: string; pinned: boolean }> };
  return figures
    .filter((f) => f.pinned)
    .map((f) => f.label)
    .sort();
};

describe('/figurl commands', () => {
  it('ignores a user who may only read the repository', async () => {
    await h.deliver('issue_comment', commentEvent('reader', '/figurl pin'));
    expect(replies()).toEqual([]);
    expect(await pinnedLabels()).toEqual([]);
  });

  it('pins the pull request’s figures for a maintainer, though CI made them', async () => {
    await h.deliver('issue_comment', commentEvent('maintainer', '/figurl pin'));
    expect(await pinnedLabels()).toEqual(['raster', 'waveforms']);
    const [reply] = replies();
    expect(reply?.body).toBe('@maintainer Pinned 2 figures; pinned figures never expire.');
  });

  it('answers help and archive, and names an unknown command', async () => {
    // Each reply is a new comment: Octokit spaces those 3 s apart, as GitHub asks of
    // notification-making requests.
    await h.deliver('issue_comment', commentEvent('maintainer', '/figurl help'));
    await h.deliver('issue_comment', commentEvent('maintainer', '/figurl archive'));
    await h.deliver('issue_comment', commentEvent('maintainer', '/figurl frobnicate'));
    const [, help, archive, unknown] = replies().map((c) => c.body);
    expect(help).toContain('/figurl pin');
    expect(archive).toContain('Zenodo export is not available yet');
    expect(unknown).toContain('frobnicate');
  });
});
