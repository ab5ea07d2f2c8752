import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VegaLite } from '@figurl/sdk/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenUser, type TestUser } from '../../support/figure-fixtures.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';
import { runCli } from '../../unit/cli/run-cli.js';

/*
 * `figurl figure vegalite|markdown|plotly|<viewUri>` and the node builders against a real zone on
 * 127.0.0.1: the printed figURL, the blob behind its `d`, the registry record, and the errors.
 */
let zone: TestZone;
let user: TestUser;
let zoneUrl: string;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  zone = await createTestZoneApp({ publicUrl: undefined });
  zoneUrl = await zone.app.listen({ host: '127.0.0.1', port: 0 });
  user = await createTokenUser(zone);
  env = {
    FIGURL_ZONE_URL: zoneUrl,
    KACHERY_ZONE: zone.zoneName,
    FIGURL_TOKEN: user.token,
    FIGURL_SHELL_URL: 'https://figurl.example',
  };
  dir = mkdtempSync(join(tmpdir(), 'figurl-make-figure-'));
});
afterAll(async () => {
  await zone?.close();
  rmSync(dir, { recursive: true, force: true });
});

const figurl = (argv: string[], extraEnv: Record<string, string> = {}) =>
  runCli(argv, { fetch: globalThis.fetch, env: { ...env, ...extraEnv } });
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
/** A spec of its own per test, so registry lookups by data hash find only that test's figures. */
const freshSpec = () => ({
  mark: 'line',
  title: `run ${randomBytes(4).toString('hex')}`,
  data: {
    values: [
      { t: 0, v: 1 },
      { t: 1, v: 2.5 },
    ],
  },
});
/** What `d` must hold for a spec: canonical JSON of {spec} (keys sorted, compact), `v0` as written. */
const canonicalVegaLite = (spec: ReturnType<typeof freshSpec>, v0 = '1') =>
  `{"spec":{"data":{"values":[{"t":0,"v":${v0}},{"t":1,"v":2.5}]},"mark":"line","title":"${spec.title}"}}`;

async function blobText(hash: string): Promise<string> {
  const response = await fetch(`${zoneUrl}/sha1/${hash}?zone=${zone.zoneName}`);
  expect(response.status).toBe(200);
  return response.text();
}

function figuresOf(hash: string) {
  return zone.prisma.figure.findMany({
    where: { dataSha1: hash, zoneName: zone.zoneName },
    select: {
      viewUri: true,
      dataUri: true,
      label: true,
      ownerId: true,
      repo: true,
      pullRequest: true,
      commitSha: true,
    },
    orderBy: { createdAt: 'asc' },
  });
}

describe('figurl figure vegalite', () => {
  it('stores {spec} as canonical JSON, registers the figure and prints its figURL as one line', async () => {
    const spec = freshSpec();
    // Written with spaces, other key order and 1.0: what is stored does not depend on how.
    const path = file('spec.json', JSON.stringify(spec, null, 2).replace('"v": 1', '"v": 1.0'));
    const run = await figurl(['figure', 'vegalite', path, '--label', 'loss (run 3)']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const json = canonicalVegaLite(spec, '1.0');
    const hash = sha1(json);
    expect(run.stdout).toBe(
      `https://figurl.example/f?v=gs://figurl/vegalite-2&d=sha1://${hash}&label=loss%20%28run%203%29&zone=${zone.zoneName}\n`,
    );
    expect(await blobText(hash)).toBe(json);
    expect(await figuresOf(hash)).toEqual([
      {
        viewUri: 'gs://figurl/vegalite-2',
        dataUri: `sha1://${hash}`,
        label: 'loss (run 3)',
        ownerId: user.id,
        repo: null,
        pullRequest: null,
        commitSha: null,
      },
    ]);
  });

  it('gives the same figURL on every run, and --state adds s= as sorted compact JSON', async () => {
    const spec = freshSpec();
    const path = file('again.json', JSON.stringify(spec));
    const first = await figurl(['figure', 'vegalite', path, '--label', 'again']);
    const second = await figurl(['figure', 'vegalite', path, '--label', 'again']);
    expect(first.code, first.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const withState = await figurl([
      'figure',
      'vegalite',
      path,
      '--label',
      'again',
      '--state',
      '{"zoom": 2.0, "b": "é"}',
    ]);
    const hash = sha1(canonicalVegaLite(spec));
    expect(withState.stdout).toBe(
      `https://figurl.example/f?v=gs://figurl/vegalite-2&d=sha1://${hash}&s={"b":"\\u00e9","zoom":2.0}&label=again&zone=${zone.zoneName}\n`,
    );
    expect(await figuresOf(hash)).toHaveLength(3);
  });

  it('records the repository, pull request and commit when run in GitHub Actions', async () => {
    const spec = freshSpec();
    const commit = randomBytes(20).toString('hex');
    const run = await figurl(['figure', 'vegalite', file('ci.json', JSON.stringify(spec)), '--label', 'ci'], {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'octo/lab',
      GITHUB_REF: 'refs/pull/12/merge',
      GITHUB_SHA: commit,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(await figuresOf(sha1(canonicalVegaLite(spec)))).toEqual([
      expect.objectContaining({ label: 'ci', repo: 'octo/lab', pullRequest: 12, commitSha: commit }),
    ]);
  });
});

describe('figurl figure markdown | plotly | <viewUri>', () => {
  it('makes Markdown and Plotly figures with the data their plugins read', async () => {
    const source = `# Sweep ${randomBytes(4).toString('hex')}\n\nBest: **r17**\n`;
    const markdown = await figurl(['figure', 'markdown', file('notes.md', source), '--label', 'notes']);
    const markdownJson = `{"source":${JSON.stringify(source)}}`;
    expect(markdown.stdout).toBe(
      `https://figurl.example/f?v=gs://figurl/markdown-1&d=sha1://${sha1(markdownJson)}&label=notes&zone=${zone.zoneName}\n`,
    );
    expect(await blobText(sha1(markdownJson))).toBe(markdownJson);

    const y = randomBytes(2).readUInt16BE();
    const traces = file('traces.json', `[{"type": "scatter", "x": [0, 1], "y": [${y}, 3]}]`);
    const plotly = await figurl(['figure', 'plotly', traces, '--label', 'values']);
    const plotlyJson = `{"spec":[{"type":"scatter","x":[0,1],"y":[${y},3]}],"type":"Plotly"}`;
    expect(plotly.stdout).toContain(`?v=gs://figurl/plotly-1&d=sha1://${sha1(plotlyJson)}&label=values`);
    expect(await blobText(sha1(plotlyJson))).toBe(plotlyJson);
  });

  it('makes a figure for any view: a location or one of the shell’s plugin names', async () => {
    const data = { layout: randomBytes(4).toString('hex') };
    const path = file('layout.json', JSON.stringify(data));
    const json = JSON.stringify(data);
    // (`figurl figure sortingview <layout.json>` builds a sortingview figure: test/unit/sortingview.)
    for (const view of ['npm://@fi-sci/figurl-sortingview@12/dist', 'template']) {
      const run = await figurl(['figure', view, path, '--label', 'units']);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toBe(
        `https://figurl.example/f?v=${view}&d=sha1://${sha1(json)}&label=units&zone=${zone.zoneName}\n`,
      );
    }
    expect((await figuresOf(sha1(json))).map((f) => f.viewUri)).toEqual([
      'npm://@fi-sci/figurl-sortingview@12/dist',
      'template',
    ]);
  });

  it('leaves figure register, list and delete as they were, and lists both in help', async () => {
    const help = await figurl(['help', 'figure']);
    expect(help.stdout.split('\n').slice(0, 2)).toEqual([
      'usage: figurl figure <viewUri> <data.json> --label <label> [--state <json>]',
      '       figurl figure <command> [options]',
    ]);
    for (const line of [
      '  figurl figure register <viewUri> <dataUri> --label <label>',
      '  figurl figure list [--owner <login>]',
      '  figurl figure delete <id>',
      '  figurl figure vegalite <spec.json> --label <label> [--state <json>]',
      '  figurl figure markdown <file.md> --label <label> [--state <json>]',
      '  figurl figure plotly <traces.json> --label <label> [--state <json>]',
    ]) {
      expect(help.stdout).toContain(line);
    }
    const list = await figurl(['figure', 'list', '--owner', user.id, '--label', 'notes']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout.split('\n')[0] as string)).toMatchObject({ label: 'notes', owner: user.id });
  });
});

describe('mistakes', () => {
  it('say in one line which value is wrong and what was expected, and register nothing', async () => {
    const before = await zone.prisma.figure.count({ where: { zoneName: zone.zoneName } });
    const spec = file('ok.json', JSON.stringify(freshSpec()));
    const cases: [string[], number, string][] = [
      [
        ['figure', 'vegalite', join(dir, 'absent.json'), '--label', 'x'],
        1,
        `cannot read "${join(dir, 'absent.json')}": no such file`,
      ],
      [['figure', 'vegalite', dir, '--label', 'x'], 1, `cannot read "${dir}": expected a file, not a directory`],
      [
        ['figure', 'vegalite', file('bad.json', '{\n  "mark": "bar",\n}'), '--label', 'x'],
        1,
        `invalid JSON in "${join(dir, 'bad.json')}": Quoted object key expected but got '}' at position 19 (line 3, column 1); expected a JSON document (RFC 8259)`,
      ],
      [
        ['figure', 'vegalite', file('list.json', '[{"mark": "bar"}]'), '--label', 'x'],
        1,
        `cannot make a figure of "${join(dir, 'list.json')}": invalid Vega-Lite spec: got an array; expected a JSON object such as {"mark": "bar", …}`,
      ],
      [
        ['figure', 'plotly', file('fig.json', '{"data": [], "layout": {}}'), '--label', 'x'],
        1,
        `cannot make a figure of "${join(dir, 'fig.json')}": invalid Plotly traces: got an object (a figure: pass its data)`,
      ],
      [
        ['figure', 'Vega-Lite', spec, '--label', 'x'],
        1,
        'invalid URI "Vega-Lite": expected a plugin URI (a plugin name such as "vegalite", or a gs://, npm:// or http(s):// location)',
      ],
      [
        ['figure', `sha1://${'0'.repeat(40)}`, spec, '--label', 'x'],
        1,
        `invalid URI "sha1://${'0'.repeat(40)}": a sha1 URI; expected a plugin URI`,
      ],
      [['figure', 'vegalite', spec], 2, 'expected --label <label>'],
      [['figure', 'vegalite', spec, '--label', ''], 1, 'invalid figure: label "": expected a non-empty label'],
      [
        ['figure', 'vegalite', spec, '--label', 'x', '--state', '[1]'],
        2,
        `--state "[1]": expected a JSON object such as '{"unitId": 3}'`,
      ],
      [
        ['figure', 'vegalite', spec, '--label', 'x', '--state', '{zoom'],
        2,
        '--state "{zoom": invalid JSON: Quoted object key expected',
      ],
      [
        ['figure', 'gs://figurl/vegalite-2'],
        2,
        'expected exactly 2: <viewUri> <data.json>, got "gs://figurl/vegalite-2"',
      ],
      [
        ['figure'],
        2,
        'expected a figure command register, list, delete, vegalite, markdown, plotly, sortingview or <viewUri> <data.json>',
      ],
    ];
    for (const [argv, code, message] of cases) {
      const run = await figurl(argv);
      expect({ argv, code: run.code, stdout: run.stdout }).toEqual({ argv, code, stdout: '' });
      expect(run.stderr.startsWith(`figurl: ${message}`), `${argv.join(' ')}\n${run.stderr}`).toBe(true);
      expect(run.stderr.split('\n').length, run.stderr).toBeLessThanOrEqual(code === 2 ? 4 : 2);
    }
    const ci = await figurl(['figure', 'vegalite', spec, '--label', 'x'], {
      GITHUB_REPOSITORY: 'octo/lab',
      GITHUB_SHA: 'HEAD',
    });
    expect(ci).toMatchObject({ code: 1, stdout: '' });
    expect(ci.stderr).toBe(
      'figurl: invalid environment: GITHUB_SHA "HEAD": expected a commit SHA of 40 or 64 lowercase hex characters\n',
    );
    expect(await zone.prisma.figure.count({ where: { zoneName: zone.zoneName } })).toBe(before);
  });
});

describe('new VegaLite(spec).url({ label }) from @figurl/sdk/node', () => {
  it('reads the environment when url() is called, and records the GitHub context', async () => {
    const spec = freshSpec();
    const commit = randomBytes(20).toString('hex');
    // Made before the environment is set: nothing is read until url().
    const figure = new VegaLite(spec);
    vi.stubEnv('FIGURL_ZONE_URL', zoneUrl);
    vi.stubEnv('KACHERY_ZONE', zone.zoneName);
    vi.stubEnv('FIGURL_TOKEN', user.token);
    vi.stubEnv('FIGURL_SHELL_URL', 'https://figurl.example');
    vi.stubEnv('GITHUB_REPOSITORY', 'octo/lab');
    vi.stubEnv('GITHUB_REF', 'refs/pull/34/merge');
    vi.stubEnv('GITHUB_SHA', commit);
    try {
      const url = await figure.url({ label: 'from node', state: { t: 1 } });
      const json = canonicalVegaLite(spec);
      const hash = sha1(json);
      expect(url).toBe(
        `https://figurl.example/f?v=gs://figurl/vegalite-2&d=sha1://${hash}&s={"t":1}&label=from%20node&zone=${zone.zoneName}`,
      );
      expect(await blobText(hash)).toBe(json);
      expect(await figuresOf(hash)).toEqual([
        expect.objectContaining({
          label: 'from node',
          ownerId: user.id,
          repo: 'octo/lab',
          pullRequest: 34,
          commitSha: commit,
        }),
      ]);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
