import { createHash } from 'node:crypto';
import { createFigurl, Figure, SortingviewFigure, sortingviewView, toMainLayout, vv } from '@figurl/sdk';
import { vv as envVv } from '@figurl/sdk/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blobJson, createZoneWithRegistry } from '../sdk/zone-client-fake-zone.js';

const sha1 = (bytes: Uint8Array | string) => createHash('sha1').update(bytes).digest('hex');
const shellUrl = 'http://127.0.0.1:3000';

function sortingLayout() {
  const table = new vv.UnitsTable({
    columns: [new vv.UnitsTableColumn({ key: 'snr', label: 'SNR', dtype: 'float' })],
    rows: [1, 2].map((unitId) => new vv.UnitsTableRow({ unitId, values: { snr: unitId * 4.5 } })),
  });
  const raster = new vv.RasterPlot({
    startTimeSec: 0,
    endTimeSec: 2,
    plots: [1, 2].map(
      (unitId) => new vv.RasterPlotItem({ unitId, spikeTimesSec: new Float32Array([0.25 * unitId, 1.5]) }),
    ),
  });
  return new vv.MountainLayout({
    items: [
      new vv.MountainLayoutItem({ label: 'Units', view: table }),
      new vv.MountainLayoutItem({ label: 'Raster', view: raster }),
      new vv.MountainLayoutItem({ label: 'Curation', view: new vv.SortingCuration2(), isControl: true }),
    ],
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('a sortingview figure', () => {
  it('is a MainLayout naming one sha1:// blob per view, as Python’s View.url_dict', () => {
    const figure = sortingLayout().toFigure();
    expect(figure).toBeInstanceOf(Figure);
    expect(figure.view).toBe('npm://@fi-sci/figurl-sortingview@12/dist');
    const data = JSON.parse(figure.json);
    expect(data.type).toBe('MainLayout');
    expect(data.layout.items).toEqual([
      { type: 'View', viewId: '1' },
      { type: 'View', viewId: '2' },
      { type: 'View', viewId: '3' },
    ]);
    expect(data.views.map((v: { type: string; viewId: string }) => [v.type, v.viewId])).toEqual([
      ['UnitsTable', '1'],
      ['RasterPlot', '2'],
      ['SortingCuration2', '3'],
    ]);
    figure.views.forEach((view, i) => {
      expect(data.views[i].dataUri).toBe(`sha1://${sha1(view.bytes)}`);
      expect(view.sha1).toBe(sha1(view.bytes));
    });
    expect(new TextDecoder().decode(figure.views[2]?.bytes)).toBe('{"type":"SortingCuration2"}');
  });

  it('is the same for the same views: same view IDs, same blobs, same URIs', () => {
    const first = sortingLayout().toFigure();
    const second = sortingLayout().toFigure();
    expect(second.json).toBe(first.json);
    expect(second.views.map((v) => v.sha1)).toEqual(first.views.map((v) => v.sha1));
    const changed = new vv.MountainLayout({
      items: [new vv.MountainLayoutItem({ label: 'Units!', view: new vv.Markdown('x') })],
    }).toFigure();
    expect(changed.json).not.toBe(first.json);
  });

  it('puts a view alone in a horizontal Box, the Box "0" and the view "1"', () => {
    const { data, views } = toMainLayout(new vv.Markdown('# alone'));
    expect(data.layout).toEqual({
      type: 'Box',
      direction: 'horizontal',
      items: [{ type: 'View', viewId: '1' }],
      itemProperties: [{}],
    });
    expect(views).toHaveLength(1);
    expect(data.views).toEqual([
      { type: 'Markdown', viewId: '1', dataUri: `sha1://${sha1('{"source":"# alone","type":"Markdown"}')}` },
    ]);
  });

  it('numbers layouts too, and stores a view placed twice once, under its first ID', () => {
    const shared = new vv.Markdown('shared');
    const layout = new vv.Box({
      direction: 'vertical',
      items: [
        new vv.TabLayout({ items: [new vv.TabLayoutItem({ label: 'a', view: shared })] }),
        shared,
        new vv.Markdown('other'),
      ],
    });
    const { data } = toMainLayout(layout);
    expect(data.layout.items).toEqual([
      { type: 'TabLayout', items: [{ type: 'View', viewId: '2' }], itemProperties: [{ label: 'a' }] },
      { type: 'View', viewId: '2' },
      { type: 'View', viewId: '4' },
    ]);
    expect(data.views.map((v) => v.viewId)).toEqual(['2', '4']);
  });

  it('names the view whose data cannot be made', () => {
    const raster = new vv.RasterPlot({
      startTimeSec: 0,
      endTimeSec: 1,
      plots: [new vv.RasterPlotItem({ unitId: 7, spikeTimesSec: Float64Array.of(0.5) })],
    });
    expect(() => new vv.Box({ direction: 'vertical', items: [new vv.Markdown('a'), raster] }).toFigure()).toThrow(
      'view "2" (RasterPlot): invalid RasterPlotItem (unit 7) spikeTimesSec (a Float64Array of 1 value)',
    );
    expect(() => raster.toFigure({ allowFloat64: true })).not.toThrow();
  });
});

describe('url()', () => {
  it('stores every view, then the MainLayout, then registers it; prints the figURL with the state', async () => {
    const zone = createZoneWithRegistry();
    const context = createFigurl({ zoneUrl: zone.baseUrl, shellUrl, fetch: zone.fetch });
    const layout = sortingLayout();
    const figure = layout.toFigure();
    const state = { sortingCuration: 'sha1://0123456789012345678901234567890123456789' };
    const url = await layout.url({ label: 'units 12', state, context });
    const dataUri = `sha1://${sha1(figure.json)}`;
    expect(url).toBe(
      `${shellUrl}/f?v=${sortingviewView}&d=${dataUri}&s={"sortingCuration":"${state.sortingCuration}"}&label=units%2012`,
    );
    expect(zone.registered).toHaveLength(1);
    const registration = zone.registered[0] as (typeof zone.registered)[number];
    expect(registration.body).toMatchObject({ viewUri: sortingviewView, dataUri, label: 'units 12' });
    for (const view of figure.views) expect(registration.storedBefore.has(view.sha1)).toBe(true);
    expect(blobJson(zone, dataUri)).toEqual(JSON.parse(figure.json));
    expect(blobJson(zone, (JSON.parse(figure.json).views[1] as { dataUri: string }).dataUri)).toMatchObject({
      type: 'RasterPlot',
      plots: [{ unitId: 1 }, { unitId: 2 }],
    });
  });

  it('gives the same link again and uploads nothing new', async () => {
    const zone = createZoneWithRegistry();
    const context = createFigurl({ zoneUrl: zone.baseUrl, shellUrl, fetch: zone.fetch });
    const first = await sortingLayout().url({ label: 'again', context });
    const puts = zone.requests.filter((r) => r.method === 'PUT').length;
    expect(await sortingLayout().url({ label: 'again', context })).toBe(first);
    expect(zone.requests.filter((r) => r.method === 'PUT')).toHaveLength(puts);
  });

  it('checks the label and state before sending anything', async () => {
    const zone = createZoneWithRegistry();
    const context = createFigurl({ zoneUrl: zone.baseUrl, shellUrl, fetch: zone.fetch });
    await expect(sortingLayout().url({ label: '', context })).rejects.toThrow(
      'invalid figure: label "": expected a non-empty label',
    );
    const state = { when: new Date() as never };
    await expect(sortingLayout().url({ label: 'x', state, context })).rejects.toThrow('cannot encode a Date');
    expect(zone.requests).toEqual([]);
  });

  it('needs a context in the pure sdk; the views of @figurl/sdk/node read the environment then', async () => {
    await expect(new vv.Markdown('a').url({ label: 'x' })).rejects.toThrow(
      'no figurl context: expected url({ label, context: createFigurl({ zoneUrl, shellUrl, fetch }) })',
    );
    const markdown = new envVv.Markdown('# from the environment');
    expect(markdown).toBeInstanceOf(vv.Markdown);
    expect(markdown).toBeInstanceOf(vv.View);
    vi.stubEnv('FIGURL_ZONE_URL', 'ftp://zone');
    await expect(markdown.url({ label: 'x' })).rejects.toThrow('invalid environment: FIGURL_ZONE_URL');
    const zone = createZoneWithRegistry();
    vi.stubEnv('FIGURL_ZONE_URL', zone.baseUrl);
    vi.stubEnv('FIGURL_SHELL_URL', 'https://figurl.example');
    vi.stubGlobal('fetch', zone.fetch);
    const url = await new envVv.Box({ direction: 'vertical', items: [markdown] }).url({ label: 'env' });
    expect(url).toMatch(
      /^https:\/\/figurl\.example\/f\?v=npm:\/\/@fi-sci\/figurl-sortingview@12\/dist&d=sha1:\/\/[0-9a-f]{40}&label=env$/,
    );
    expect(zone.registered).toHaveLength(1);
    expect(new SortingviewFigure(markdown).views).toHaveLength(1);
  });
});
