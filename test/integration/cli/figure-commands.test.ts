import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenUser, injectFetch, storeJson, type TestUser } from '../../support/figure-fixtures.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';
import { runCli } from '../../unit/cli/run-cli.js';

let zone: TestZone;
let user: TestUser;
let env: Record<string, string>;

beforeAll(async () => {
  zone = await createTestZoneApp();
  user = await createTokenUser(zone);
  env = {
    FIGURL_ZONE_URL: 'http://zone.test',
    KACHERY_ZONE: zone.zoneName,
    FIGURL_TOKEN: user.token,
    FIGURL_SHELL_URL: 'https://figurl.example',
  };
});
afterAll(() => zone.close());

const figurl = (argv: string[], extraEnv: Record<string, string> = {}) =>
  runCli(argv, { fetch: injectFetch(zone.app), env: { ...env, ...extraEnv } });

describe('figurl figure …', () => {
  it('registers a figure and prints its id and figURL as one JSON line', async () => {
    const data = await storeJson(zone, { spec: {} });
    const commit = randomBytes(20).toString('hex');
    const run = await figurl([
      'figure',
      'register',
      'gs://figurl/vegalite-2',
      `sha1://${data}`,
      '--label',
      'spike rates (v2)',
      '--repo',
      'octo/lab',
      '--pr',
      '12',
      '--commit',
      commit,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0] as string);
    expect(printed).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: `https://figurl.example/f?v=gs://figurl/vegalite-2&d=sha1://${data}&label=spike%20rates%20%28v2%29&zone=${zone.zoneName}`,
    });
    const row = await zone.prisma.figure.findUnique({
      where: { id: printed.id },
      select: { ownerId: true, repo: true, pullRequest: true, commitSha: true },
    });
    expect(row).toEqual({ ownerId: user.id, repo: 'octo/lab', pullRequest: 12, commitSha: commit });
  });

  it('lists figures, one JSON line each, newest first, following pages; filters by repo and PR', async () => {
    const lister = await createTokenUser(zone);
    const data = await storeJson(zone, { spec: {} });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await figurl(
        [
          'figure',
          'register',
          'gs://figurl/vegalite-2',
          `sha1://${data}`,
          '--label',
          `fig ${i}`,
          '--repo',
          'octo/lab',
          '--pr',
          String(i + 1),
        ],
        { FIGURL_TOKEN: lister.token },
      );
      expect(run.code, run.stderr).toBe(0);
      ids.push(JSON.parse(run.stdout).id);
      // Apart in time, so "newest first" has one answer.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const all = await figurl(['figure', 'list', '--owner', lister.id]);
    expect(all.code, all.stderr).toBe(0);
    const figures = all.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(figures.map((f) => f.id)).toEqual([...ids].reverse());
    expect(figures[0]).toMatchObject({ owner: lister.id, label: 'fig 2', repo: 'octo/lab', pullRequest: 3 });
    expect(figures[0].url).toBe(
      `https://figurl.example/f?v=gs://figurl/vegalite-2&d=sha1://${data}&label=fig%202&zone=${zone.zoneName}`,
    );
    const pr = await figurl(['figure', 'list', '--owner', lister.id, '--repo', 'octo/lab', '--pr', '2']);
    expect(
      pr.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).id),
    ).toEqual([ids[1]]);
    const none = await figurl(['figure', 'list', '--owner', lister.id, '--repo', 'octo/other']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });

  it('deletes one of your figures, and says why it cannot delete another’s', async () => {
    const data = await storeJson(zone, { spec: {} });
    const made = JSON.parse(
      (await figurl(['figure', 'register', 'gs://figurl/vegalite-2', `sha1://${data}`, '--label', 'tmp'])).stdout,
    );
    const other = await createTokenUser(zone);
    const refused = await figurl(['figure', 'delete', made.id], { FIGURL_TOKEN: other.token });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `figure ${made.id} belongs to "${user.id}": only its owner or a zone admin (with an admin token) may change or delete it`,
    );
    const deleted = await figurl(['figure', 'delete', made.id]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ id: made.id, deletedAt: expect.any(String) });
    const again = await figurl(['figure', 'delete', made.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no figure ${made.id}`);
  });

  it('explains usage mistakes and missing data in one line', async () => {
    const noLabel = await figurl(['figure', 'register', 'gs://figurl/vegalite-2', 'gh://o/r/main/c.json']);
    expect(noLabel.code).toBe(2);
    expect(noLabel.stderr).toContain('figurl: expected --label <label>');
    const badPr = await figurl(['figure', 'list', '--pr', 'twelve']);
    expect(badPr.code).toBe(2);
    expect(badPr.stderr).toContain('--pr "twelve": expected a pull request number such as 12');
    const absent = randomBytes(20).toString('hex');
    const missing = await figurl(['figure', 'register', 'gs://figurl/vegalite-2', `sha1://${absent}`, '--label', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `figurl: register figure failed: POST http://zone.test/api/v1/figures?… answered HTTP 404: no blob sha1://${absent} in this zone: expected the figure data to be stored first (figurl store <file>), or "requireData": false\n`,
    );
    const help = await figurl(['figure', '--help']);
    expect(help.stdout).toContain('figurl figure delete <id>');
  });
});
