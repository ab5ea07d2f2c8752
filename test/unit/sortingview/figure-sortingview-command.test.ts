import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../cli/run-cli.js';
import { blobJson, createZoneWithRegistry } from '../sdk/zone-client-fake-zone.js';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const view = 'npm://@fi-sci/figurl-sortingview@12/dist';

let dir: ReturnType<typeof tempDir>;
let zone: ReturnType<typeof createZoneWithRegistry>;
let env: Record<string, string>;

beforeEach(() => {
  dir = tempDir();
  zone = createZoneWithRegistry();
  env = { FIGURL_ZONE_URL: zone.baseUrl, FIGURL_SHELL_URL: 'https://figurl.example' };
});
afterEach(() => dir.cleanup());

function file(name: string, content: unknown): string {
  const path = join(dir.path, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const layout = {
  type: 'Box',
  direction: 'vertical',
  items: [
    {
      view: {
        type: 'RasterPlot',
        startTimeSec: 0,
        endTimeSec: 60,
        // 0.5 and 1.25 as float32, in Python's form
        plots: [
          { unitId: 1, spikeTimesSec: { _type: 'ndarray', shape: [2], dtype: 'float32', data_b64: 'AAAAPwAAoD8=' } },
        ],
      },
      stretch: 2,
      title: 'Raster',
    },
    {
      type: 'Mountain',
      items: [
        { label: 'Notes', view: { type: 'Markdown', source: '# Session 12' } },
        { label: 'Curation', view: { type: 'SortingCuration2', labelChoices: ['accept', 'reject'] }, isControl: true },
      ],
    },
  ],
};

describe('figurl figure sortingview', () => {
  it('stores each view apart and prints the figURL of the MainLayout', async () => {
    const run = await runCli(['figure', 'sortingview', file('layout.json', layout), '--label', 'session 12'], {
      fetch: zone.fetch,
      env,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const main = {
      type: 'MainLayout',
      layout: {
        type: 'Box',
        direction: 'vertical',
        items: [
          { type: 'View', viewId: '1' },
          {
            type: 'Mountain',
            items: [
              { type: 'View', viewId: '3' },
              { type: 'View', viewId: '4' },
            ],
            itemProperties: [
              { label: 'Notes', isControl: false },
              { label: 'Curation', isControl: true },
            ],
          },
        ],
        itemProperties: [{ stretch: 2, title: 'Raster' }, {}],
      },
      views: [
        { type: 'RasterPlot', viewId: '1', dataUri: `sha1://${sha1(JSON.stringify(sortKeys(layout.items[0]?.view)))}` },
        { type: 'Markdown', viewId: '3', dataUri: `sha1://${sha1('{"source":"# Session 12","type":"Markdown"}')}` },
        {
          type: 'SortingCuration2',
          viewId: '4',
          dataUri: `sha1://${sha1('{"labelChoices":["accept","reject"],"type":"SortingCuration2"}')}`,
        },
      ],
    };
    const dataUri = `sha1://${sha1(JSON.stringify(sortKeys(main)))}`;
    expect(run.stdout).toBe(`https://figurl.example/f?v=${view}&d=${dataUri}&label=session%2012\n`);
    expect(blobJson(zone, dataUri)).toEqual(main);
    for (const stored of main.views) expect(zone.bytes.has(stored.dataUri.slice(7))).toBe(true);
    expect(blobJson(zone, main.views[0]?.dataUri as string)).toEqual(layout.items[0]?.view);
    expect(zone.registered.map((r) => r.body.viewUri)).toEqual([view]);
  });

  it('shows a view alone in a horizontal Box, takes --state, and numbers lists as lists', async () => {
    const markdown = file('notes.json', {
      type: 'AverageWaveforms',
      averageWaveforms: [{ unitId: 1, channelIds: [1], waveform: [[0, -50.5, 10]] }],
    });
    const run = await runCli(
      ['figure', 'sortingview', markdown, '--label', 'w', '--state', '{"sortingCuration": "sha1://abc"}'],
      {
        fetch: zone.fetch,
        env,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const dataUri = /&d=(sha1:\/\/[0-9a-f]{40})&s=\{"sortingCuration":"sha1:\/\/abc"\}&label=w\n$/.exec(
      run.stdout,
    )?.[1] as string;
    const main = blobJson(zone, dataUri) as { layout: unknown; views: { dataUri: string }[] };
    expect(main.layout).toEqual({
      type: 'Box',
      direction: 'horizontal',
      items: [{ type: 'View', viewId: '1' }],
      itemProperties: [{}],
    });
    expect(blobJson(zone, main.views[0]?.dataUri as string)).toEqual({
      type: 'AverageWaveforms',
      averageWaveforms: [{ unitId: 1, channelIds: [1], waveform: [[0, -50.5, 10]] }],
    });
  });

  it('refuses float64 ndarrays unless --allow-float64', async () => {
    const path = file('f64.json', {
      type: 'RasterPlot',
      startTimeSec: 0,
      endTimeSec: 1,
      plots: [
        { unitId: 1, spikeTimesSec: { _type: 'ndarray', shape: [1], dtype: 'float64', data_b64: 'AAAAAAAA4D8=' } },
      ],
    });
    const refused = await runCli(['figure', 'sortingview', path, '--label', 'x'], { fetch: zone.fetch, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `figurl: cannot make a figure of "${path}": view "1" (RasterPlot): invalid RasterPlot.plots[0].spikeTimesSec: a float64 ndarray; ` +
        'it is usually best to convert to float32 (Float32Array.from(values)), but if you need 64-bit, then use allowFloat64: true\n',
    );
    expect(zone.requests).toEqual([]);
    const allowed = await runCli(['figure', 'sortingview', path, '--label', 'x', '--allow-float64'], {
      fetch: zone.fetch,
      env,
    });
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  it('says in one line where the layout is wrong, and sends nothing', async () => {
    const cases: [unknown, string][] = [
      [[], 'invalid sortingview layout at $: got an array; expected a layout such as {"type": "Box"'],
      [
        { type: 'Box', direction: 'up', items: [] },
        'invalid sortingview layout at $: invalid Box direction "up": expected one of "horizontal", "vertical"',
      ],
      [
        { type: 'Box', direction: 'vertical', items: [{ view: { type: 'Markdown', source: 'a' }, strech: 1 }] },
        'invalid sortingview layout at $.items[0]: unknown field "strech"; expected view, minSize, maxSize, stretch, title, collapsible',
      ],
      [
        { type: 'TabLayout', items: [{ label: 'a', view: { type: 'RasterPlot', startTimeSec: 0, plots: [] } }] },
        'invalid sortingview layout at $.items[0].view: invalid RasterPlot view: missing field "endTimeSec"',
      ],
      [
        { type: 'Mountain', items: [{ label: 'a', view: { type: 'Box', direction: 'vertical', items: [] } }] },
        'invalid sortingview layout at $.items[0]: invalid MountainLayoutItem view "a Box": expected a view, not a layout',
      ],
      [
        { type: 'MainLayout', layout: {}, views: [] },
        "invalid sortingview layout at $: got a MainLayout node; expected the views' data inline",
      ],
    ];
    for (const [content, message] of cases) {
      const path = file('bad.json', content);
      const run = await runCli(['figure', 'sortingview', path, '--label', 'x'], { fetch: zone.fetch, env });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`figurl: cannot make a figure of "${path}": ${message}`);
      expect(run.stderr.split('\n')).toHaveLength(2);
    }
    expect(zone.requests).toEqual([]);
  });

  it('is listed in the help, with the format', async () => {
    const help = await runCli(['figure', 'sortingview', '--help'], { fetch: zone.fetch, env });
    expect(help.stdout.split('\n')[0]).toBe(
      'usage: figurl figure sortingview <layout.json> --label <label> [--state <json>] [--allow-float64]',
    );
    expect(help.stdout).toContain('{"type": "Box" | "Splitter", "direction": "horizontal" | "vertical"');
    const general = await runCli(['--help'], { fetch: zone.fetch, env });
    expect(general.stdout).toContain('figure sortingview <layout.json> --label L');
  });
});

/** Keys sorted at every level: the canonical JSON of plain ASCII data. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}
