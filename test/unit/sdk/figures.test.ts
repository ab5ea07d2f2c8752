import { createHash } from 'node:crypto';
import {
  assertViewUri,
  createFigurl,
  Figure,
  FigurlError,
  figureDataJson,
  figureUrl,
  isPluginName,
  Markdown,
  Plotly,
  PythonFloat,
  parseJsonPreservingNumbers,
  VegaLite,
} from '@figurl/sdk';
import { VegaLite as EnvVegaLite, figurlFromEnv, parseGitHubEnv } from '@figurl/sdk/node';
import { describe, expect, it } from 'vitest';
import { createZoneWithRegistry } from './zone-client-fake-zone.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const commit = '2f4e8c1d9b7a6e5f4d3c2b1a0f9e8d7c6b5a4f3e';
const spec = {
  mark: 'line',
  data: { values: [{ t: 0, v: 1.5 }] },
  encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } },
};
const specJson =
  '{"spec":{"data":{"values":[{"t":0,"v":1.5}]},"encoding":{"x":{"field":"t","type":"quantitative"},' +
  '"y":{"field":"v","type":"quantitative"}},"mark":"line"}}';

describe('figure data', () => {
  it('is canonical JSON: the same data in any key order is the same text and the same sha1', () => {
    const shuffled = { encoding: spec.encoding, mark: 'line', data: { values: [{ v: 1.5, t: 0 }] } };
    expect(new VegaLite(spec).json).toBe(specJson);
    expect(new VegaLite(shuffled).json).toBe(specJson);
    expect(figureDataJson({ b: 'é', a: [1, new PythonFloat(2), 10n ** 20n] })).toBe(
      '{"a":[1,2.0,100000000000000000000],"b":"\\u00e9"}',
    );
    // Numbers read from a file keep their form, as Python's json.loads keeps 1.0 a float.
    expect(figureDataJson(parseJsonPreservingNumbers('{"x": 1.0, "y": 1}'))).toBe('{"x":1.0,"y":1}');
  });

  it('is the text kachery-cloud’s store_json writes for the same data, so Python gives the same d', () => {
    // Printed by Python 3: json.dumps(d, separators=(',', ':'), sort_keys=True, allow_nan=False),
    // what kachery_cloud.store_json writes (with simplejson), and hashlib.sha1 of it.
    const python =
      '{"spec":{"data":{"values":[{"t":0,"v":1.5},{"t":1,"v":2.0}]},"encoding":{"x":{"field":"t"}},' +
      '"mark":"line","title":"\\u00e9 \\ud83d\\ude00"}}';
    const figure = new VegaLite({
      mark: 'line',
      data: {
        values: [
          { t: 0, v: 1.5 },
          { t: 1, v: new PythonFloat(2) },
        ],
      },
      title: 'é 😀',
      encoding: { x: { field: 't' } },
    });
    expect(figure.json).toBe(python);
    expect(sha1(figure.json)).toBe('0cc1042d5ff24b1485569e7b33bddc24e73cb032');
  });

  it('is exactly {spec}, {source} or {type, spec} for the figurl.org plugins', () => {
    expect(JSON.parse(new VegaLite(spec).json)).toEqual({ spec });
    expect(new VegaLite(spec).view).toBe('gs://figurl/vegalite-2');
    expect(new Markdown('# Run 12\n\n*ok*').json).toBe('{"source":"# Run 12\\n\\n*ok*"}');
    expect(new Markdown('x').view).toBe('gs://figurl/markdown-1');
    const traces = [{ type: 'scatter', x: [0, 1], y: [2, 3] }];
    expect(JSON.parse(new Plotly(traces).json)).toEqual({ type: 'Plotly', spec: traces });
    expect(new Plotly(traces).view).toBe('gs://figurl/plotly-1');
  });

  it('is checked when the figure is made, naming what is wrong', () => {
    expect(() => new VegaLite([1, 2] as object)).toThrow(
      'invalid Vega-Lite spec: got an array; expected a JSON object such as {"mark": "bar", …}',
    );
    expect(() => new VegaLite(null as unknown as object)).toThrow('invalid Vega-Lite spec: got null');
    expect(() => new Markdown(3 as unknown as string)).toThrow(
      'invalid Markdown source: got a number; expected a string',
    );
    expect(() => new Plotly({ data: [], layout: {} } as unknown as object[])).toThrow(
      'invalid Plotly traces: got an object (a figure: pass its data); expected an array of traces',
    );
    expect(() => new VegaLite({ mark: 'bar', width: Number.NaN })).toThrow(
      'invalid figure data: cannot encode NaN at $.spec.width as canonical JSON',
    );
    expect(() => new Figure({ view: 'vegalite', data: { when: new Date(0) } })).toThrow(
      'invalid figure data: cannot encode a Date at $.when',
    );
  });

  it('is a snapshot: changing the object afterwards does not change the figure', () => {
    const values = { values: [{ t: 0, v: 1.5 }] };
    const figure = new VegaLite({ ...spec, data: values });
    values.values.push({ t: 1, v: 2 });
    expect(figure.json).toBe(specJson);
  });
});

describe('view URIs', () => {
  it('accept the shell’s plugin names and gs://, npm://, http(s):// locations', () => {
    for (const view of ['vegalite', 'markdown', 'plotly', 'sortingview', 'spike-view-2', 'a'.repeat(64), '3d']) {
      expect(isPluginName(view)).toBe(true);
      expect(assertViewUri(view)).toBe(view);
    }
    for (const view of [
      'gs://figurl/vegalite-2',
      'npm://@fi-sci/figurl-sortingview@12/dist',
      'http://localhost:3001',
    ]) {
      expect(assertViewUri(view)).toBe(view);
    }
    for (const name of ['Vegalite', 'vega_lite', '-vegalite', 'a'.repeat(65), '', 'vega lite']) {
      expect(isPluginName(name)).toBe(false);
    }
  });

  it('refuse other forms with the value and what a view may be', () => {
    const expected =
      'expected a plugin URI (a plugin name such as "vegalite", or a gs://, npm:// or http(s):// location)';
    expect(() => assertViewUri('Vega Lite')).toThrow(`invalid URI "Vega Lite": ${expected}`);
    expect(() => assertViewUri('a'.repeat(65))).toThrow(`invalid URI "${'a'.repeat(65)}": ${expected}`);
    expect(() => assertViewUri(`sha1://${sha1('x')}`)).toThrow(
      `invalid URI "sha1://${sha1('x')}": a sha1 URI; ${expected}`,
    );
    expect(() => assertViewUri('gh://o/r/main/view.html')).toThrow('a gh URI; expected a plugin URI');
    expect(() => assertViewUri('ipfs://bafy')).toThrow('no longer supported');
    expect(() => new Figure({ view: 'zenodo://1/x', data: {} })).toThrow(FigurlError);
  });

  it('go into figURLs as they are', () => {
    expect(figureUrl({ baseUrl: 'https://figurl.org', view: 'sortingview', data: 'gh://o/r/main/d.json' })).toBe(
      'https://figurl.org/f?v=sortingview&d=gh://o/r/main/d.json',
    );
  });
});

describe('Figure#url', () => {
  it('stores the data, registers the figure and returns the figURL in the Python producer’s form', async () => {
    const zone = createZoneWithRegistry();
    const context = createFigurl({ zoneUrl: zone.baseUrl, shellUrl: 'https://figurl.example/', fetch: zone.fetch });
    const url = await new VegaLite(spec).url({
      label: "spike rates (v2)/run #3 é's",
      state: { unit: 3, a: 'é', zoom: new PythonFloat(2) },
      context,
    });
    const hash = sha1(specJson);
    expect(url).toBe(
      `https://figurl.example/f?v=gs://figurl/vegalite-2&d=sha1://${hash}` +
        '&s={"a":"\\u00e9","unit":3,"zoom":2.0}&label=spike%20rates%20%28v2%29/run%20%233%20%C3%A9%27s',
    );
    expect(new TextDecoder().decode(zone.bytes.get(hash))).toBe(specJson);
    expect(zone.registered.map((r) => r.body)).toEqual([
      { viewUri: 'gs://figurl/vegalite-2', dataUri: `sha1://${hash}`, label: "spike rates (v2)/run #3 é's" },
    ]);
  });

  it('gives the same figURL every time, sending the data once', async () => {
    const zone = createZoneWithRegistry();
    const context = createFigurl({ zoneUrl: zone.baseUrl, shellUrl: 'http://127.0.0.1:3000', fetch: zone.fetch });
    const first = await new VegaLite(spec).url({ label: 'loss', context });
    const before = zone.requests.length;
    const second = await new VegaLite(structuredClone(spec)).url({ label: 'loss', context });
    expect(second).toBe(first);
    expect(zone.requests.slice(before).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'POST /api/v1/uploads',
    ]);
    expect(zone.registered).toHaveLength(2);
  });

  it('records the GitHub context, and puts a chosen zone in the link', async () => {
    const zone = createZoneWithRegistry();
    const context = createFigurl({
      zoneUrl: zone.baseUrl,
      shellUrl: 'http://127.0.0.1:3000',
      fetch: zone.fetch,
      zone: 'lab.public',
      github: { repo: 'octo/lab', pullRequest: 12, commitSha: commit },
    });
    const url = await new Markdown('# notes').url({ label: 'notes', context });
    expect(url).toBe(
      `http://127.0.0.1:3000/f?v=gs://figurl/markdown-1&d=sha1://${sha1('{"source":"# notes"}')}&label=notes&zone=lab.public`,
    );
    expect(zone.registered[0]?.body).toMatchObject({ repo: 'octo/lab', pullRequest: 12, commitSha: commit });
    expect(zone.registered.map((r) => r.zone)).toEqual(['lab.public']);
    const initiate = zone.requests.find((r) => r.url.includes('/api/v1/uploads'));
    expect(new URL(initiate?.url ?? '').searchParams.get('zone')).toBe('lab.public');
  });

  it('checks everything before sending anything', async () => {
    const zone = createZoneWithRegistry();
    const context = createFigurl({ zoneUrl: zone.baseUrl, shellUrl: 'http://127.0.0.1:3000', fetch: zone.fetch });
    const figure = new VegaLite(spec);
    await expect(figure.url({ label: '', context })).rejects.toThrow(
      'invalid figure: label "": expected a non-empty label',
    );
    await expect(figure.url({ label: 'a\nb', context })).rejects.toThrow('expected text without control characters');
    const badRepo = { ...context, github: { repo: 'not a repo' } };
    await expect(figure.url({ label: 'x', context: badRepo })).rejects.toThrow(
      'invalid figure: repo "not a repo": expected a GitHub repository as "owner/name"',
    );
    expect(zone.requests).toEqual([]);
  });

  it('needs a context in the pure sdk; the node builders read the environment then', async () => {
    await expect(new VegaLite(spec).url({ label: 'x' })).rejects.toThrow(
      'no figurl context: expected url({ label, context: createFigurl({ zoneUrl, shellUrl, fetch }) })',
    );
    const figure = new EnvVegaLite(spec);
    expect(figure).toBeInstanceOf(VegaLite);
    expect(figure).toBeInstanceOf(Figure);
  });

  it('refuses a shell URL that cannot be a figURL base', () => {
    const base = { zoneUrl: 'http://127.0.0.1:4100', fetch: globalThis.fetch };
    expect(() => createFigurl({ ...base, shellUrl: 'figurl.org' })).toThrow(
      'invalid shell URL "figurl.org": expected an http:// or https:// URL',
    );
    expect(() => createFigurl({ ...base, shellUrl: 'https://figurl.org/?x=1' })).toThrow('without query or fragment');
  });
});

describe('figurlFromEnv and parseGitHubEnv', () => {
  it('read the CLI’s variables with the same defaults', () => {
    const local = figurlFromEnv({});
    expect(local.zone.baseUrl).toBe('http://127.0.0.1:4100/');
    expect(local.shellUrl).toBe('http://127.0.0.1:3000');
    expect(local.github).toBeUndefined();
    const ci = figurlFromEnv({
      FIGURL_ZONE_URL: 'https://zone.example.org',
      FIGURL_SHELL_URL: 'https://figurl.example',
      FIGURL_TOKEN: 'ft_abc',
      KACHERY_ZONE: 'lab.public',
      GITHUB_REPOSITORY: 'octo/lab',
      GITHUB_REF: 'refs/pull/12/merge',
      GITHUB_SHA: commit,
    });
    expect(ci.zone.connection).toMatchObject({ token: 'ft_abc', zone: 'lab.public' });
    expect(ci.shellUrl).toBe('https://figurl.example');
    expect(ci.github).toEqual({ repo: 'octo/lab', pullRequest: 12, commitSha: commit });
    expect(() => figurlFromEnv({ FIGURL_SHELL_URL: 'nope' })).toThrow('invalid environment: FIGURL_SHELL_URL "nope"');
  });

  it('take the pull request from GITHUB_REF only when it names one', () => {
    expect(
      parseGitHubEnv({ GITHUB_REPOSITORY: 'octo/lab', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: commit }),
    ).toEqual({
      repo: 'octo/lab',
      commitSha: commit,
    });
    expect(parseGitHubEnv({ GITHUB_REPOSITORY: 'octo/lab', GITHUB_REF: 'refs/pull/7/head' })).toEqual({
      repo: 'octo/lab',
      pullRequest: 7,
    });
    expect(parseGitHubEnv({ GITHUB_SHA: commit, GITHUB_REF: 'refs/pull/7/merge' })).toBeUndefined();
    expect(parseGitHubEnv({ GITHUB_REPOSITORY: '' })).toBeUndefined();
  });

  it('name a bad variable', () => {
    expect(() => parseGitHubEnv({ GITHUB_REPOSITORY: 'octo/lab', GITHUB_SHA: 'HEAD' })).toThrow(
      'invalid environment: GITHUB_SHA "HEAD": expected a commit SHA of 40 or 64 lowercase hex characters',
    );
    expect(() => parseGitHubEnv({ GITHUB_REPOSITORY: 'octo' })).toThrow(
      'invalid environment: GITHUB_REPOSITORY "octo": expected a GitHub repository as "owner/name"',
    );
  });
});
