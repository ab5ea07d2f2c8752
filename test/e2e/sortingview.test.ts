import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createZoneClient, storeBytes } from '@figurl/sdk';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInkPixels, type FigurlStack, launchChromium, startFigurlStack } from '../support/figurl-stack.js';

/**
 * The sortingview plugin on figures written byte for byte as Python's sortingview writes them
 * (test/fixtures/sortingview, made by make-fixtures.py): every view draws, tabs and Mountain
 * launchers open theirs, gzip'd and legacy figures draw, and a bad view says why in its place.
 * The plugin's contract: `.sv-view[data-view-type]` per drawn view, `.figurl-status-error` for
 * an error, `[role=tab]` tabs, `.sv-launch` Mountain launchers.
 */

/**
 * Ink a drawn view has at least. Measured at 1280×800: the sparsest data views here (a units
 * table in a quarter-width slot, electrode geometry, unit locations) have 5,400-6,000 ink pixels,
 * canvases far more (rasters 85k-150k); a view's slot showing only a message (a bad view's
 * two-line error, "the ink threshold…" below) has about 2,700. Control views (curation,
 * selection) are forms, not drawings: they are checked for their buttons instead.
 */
const inkThreshold = 4_000;
const controlTypes = new Set(['SortingCuration2', 'SortingCuration', 'SortingSelection']);

const fixtures = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/sortingview');
const figureNames = [
  'main-layout',
  'mountain',
  'root-raster-gzip',
  'root-raster-gzip-seven-units',
  'root-average-waveforms-gzip',
  'legacy-mountain-layout',
  'legacy-sorting-layout',
  'legacy-multi-timeseries',
  'legacy-composite',
  'bad-views',
] as const;
type FigureName = (typeof figureNames)[number];

const sideViews = ['UnitsTable', 'UnitLocations'];
const mainTabs: Record<string, string[]> = {
  Raster: ['RasterPlot', 'SpikeAmplitudes'],
  Correlograms: ['Autocorrelograms', 'CrossCorrelograms'],
  Waveforms: ['AverageWaveforms'],
  Similarity: ['UnitSimilarityMatrix', 'UnitMetricsGraph'],
  Timeseries: ['TimeseriesGraph', 'PositionPlot'],
  Probe: ['ElectrodeGeometry', 'Summary'],
  Notes: ['Markdown'],
};
const mountainLaunchers: Record<string, string> = {
  Summary: 'Summary',
  'Units table': 'UnitsTable',
  'Raster plot': 'RasterPlot',
  'Spike amplitudes': 'SpikeAmplitudes',
  Autocorrelograms: 'Autocorrelograms',
  'Cross correlograms': 'CrossCorrelograms',
  'Avg waveforms': 'AverageWaveforms',
  'Electrode geometry': 'ElectrodeGeometry',
};

describe('the sortingview plugin on Python-written figures (figurl up, headless Chromium)', () => {
  let stack: FigurlStack;
  let browser: Browser;
  let page: Page;
  const figures = new Map<FigureName, string>();

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startFigurlStack(), launchChromium()]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    const zone = createZoneClient({ baseUrl: stack.zoneUrl, fetch });
    for (const name of readdirSync(path.join(fixtures, 'blobs'))) {
      const { sha1 } = await storeBytes(zone, readFileSync(path.join(fixtures, 'blobs', name)));
      expect(sha1, `blobs/${name}`).toBe(name);
    }
    const manifest = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8')) as {
      figures: Record<string, { sha1: string }>;
    };
    for (const name of figureNames) {
      const { sha1 } = await storeBytes(zone, readFileSync(path.join(fixtures, 'figures', `${name}.json`)));
      expect(sha1, `figures/${name}.json`).toBe(manifest.figures[name]?.sha1);
      figures.set(name, sha1);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const open = (name: FigureName | { sha1: string }, v = 'sortingview') =>
    openFigure(page, stack.shellUrl, { v, d: `sha1://${typeof name === 'string' ? figures.get(name) : name.sha1}` });

  it('draws the main layout: the side views, then each tab when clicked', async () => {
    const frame = await open('main-layout');
    await waitForViews(frame, [...sideViews, ...(mainTabs.Raster ?? [])]);
    // The amplitudes and cross-correlograms show the selected units: select three, as a user would.
    const boxes = frame.locator('.sv-view[data-view-type="UnitsTable"] tbody input[type="checkbox"]');
    for (let i = 0; i < 3; i++) await boxes.nth(i).check({ timeout: 5_000 });
    const faint: string[] = [];
    for (const [label, types] of Object.entries(mainTabs)) {
      await frame.getByRole('tab', { name: label, exact: true }).click({ timeout: 5_000 });
      expect(await waitForViews(frame, [...sideViews, ...types]), `tab ${label}`).toEqual(
        [...sideViews, ...types].sort(),
      );
      faint.push(...(await faintViews(frame)).map((f) => `${label}: ${f}`));
    }
    expect(faint).toEqual([]);
    await expectNoErrors(frame);
  });

  it('draws it under the npm:// view URL sortingview writes by default', async () => {
    const frame = await open('main-layout', 'npm://@fi-sci/figurl-sortingview@12/dist');
    await waitForViews(frame, [...sideViews, ...(mainTabs.Raster ?? [])]);
    expect(await faintViews(frame, ['UnitsTable', 'UnitLocations', 'RasterPlot'])).toEqual([]);
    await expectNoErrors(frame);
  });

  it('draws the Mountain layout: both controls, and each launcher opens its view', async () => {
    const frame = await open('mountain');
    await waitForViews(frame, ['Summary', 'UnitsTable', 'SortingCuration2', 'SortingSelection']);
    const boxes = frame.locator('.sv-view[data-view-type="UnitsTable"] tbody input[type="checkbox"]');
    for (let i = 0; i < 3; i++) await boxes.nth(i).check({ timeout: 5_000 });
    const launchers = frame.locator('.sv-launch');
    expect(await launchers.allTextContents()).toEqual(Object.keys(mountainLaunchers));
    const faint: string[] = [];
    for (const [label, type] of Object.entries(mountainLaunchers)) {
      await launchers.filter({ hasText: new RegExp(`^${label}$`) }).click({ timeout: 5_000 });
      await waitForViews(frame, [type, 'SortingCuration2', 'SortingSelection']);
      faint.push(...(await faintViews(frame)).map((f) => `${label}: ${f}`));
    }
    expect(faint).toEqual([]);
    await expectNoErrors(frame);
  });

  it('draws a root fig.Figure with data_gzip_b64 exactly as the same view stored plainly', async () => {
    const main = JSON.parse(readFileSync(path.join(fixtures, 'figures/main-layout.json'), 'utf8')) as {
      views: Array<{ type: string; dataUri: string }>;
    };
    const plain = (type: string) => ({
      sha1: main.views.find((view) => view.type === type)?.dataUri.slice('sha1://'.length) ?? '',
    });
    const shot = async (figure: FigureName | { sha1: string }, type: string) => {
      const frame = await open(figure);
      await waitForViews(frame, [type]);
      await expectNoErrors(frame);
      return settledScreenshot(frame.locator(`.sv-view[data-view-type="${type}"]`));
    };
    const gzipRaster = await shot('root-raster-gzip', 'RasterPlot');
    expect(countInkPixels(gzipRaster)).toBeGreaterThan(inkThreshold);
    // Decoded alike, drawn alike: the data_b64 per-view file of the main layout holds the same arrays.
    expect(differingPixels(gzipRaster, await shot(plain('RasterPlot'), 'RasterPlot'))).toBe(0);
    // And the comparison sees a difference of one raster row.
    expect(differingPixels(gzipRaster, await shot('root-raster-gzip-seven-units', 'RasterPlot'))).toBeGreaterThan(
      1_000,
    );
    const gzipWaveforms = await shot('root-average-waveforms-gzip', 'AverageWaveforms');
    expect(countInkPixels(gzipWaveforms)).toBeGreaterThan(inkThreshold);
    expect(differingPixels(gzipWaveforms, await shot(plain('AverageWaveforms'), 'AverageWaveforms'))).toBe(0);
  });

  it('opens the legacy MountainLayout (figureDataSha1, gzip views): each launcher opens its view', async () => {
    const frame = await open('legacy-mountain-layout');
    const launchers = frame.locator('.sv-launch');
    await launchers.first().waitFor({ timeout: 20_000 });
    const labels = await launchers.allTextContents();
    expect(labels).toEqual([
      'Summary',
      'Units table',
      'Raster plot',
      'Autocorrelograms',
      'Average waveforms',
      'Electrode geometry',
    ]);
    const types = ['Summary', 'UnitsTable', 'RasterPlot', 'Autocorrelograms', 'AverageWaveforms', 'ElectrodeGeometry'];
    const faint: string[] = [];
    for (const [i, label] of labels.entries()) {
      await launchers.nth(i).click({ timeout: 5_000 });
      await waitForViews(frame, [types[i] as string]);
      faint.push(...(await faintViews(frame)).map((f) => `${label}: ${f}`));
    }
    expect(faint).toEqual([]);
    await expectNoErrors(frame);
  });

  // The SortingLayout era's figURLs named the plugin gs://figurl/spikesortingview-N.
  it.each([
    ['legacy-sorting-layout', 'gs://figurl/spikesortingview-10', ['UnitsTable', 'RasterPlot', 'Autocorrelograms']],
    ['legacy-multi-timeseries', 'sortingview', ['RasterPlot', 'TimeseriesGraph', 'PositionPlot']],
    [
      'legacy-composite',
      'sortingview',
      ['Summary', 'UnitsTable', 'Autocorrelograms', 'RasterPlot', 'AverageWaveforms'],
    ],
  ] as const)('draws every view of the legacy %s (v=%s)', async (name, v, types) => {
    const frame = await open(name, v);
    expect(await waitForViews(frame, [...types])).toEqual([...types].sort());
    expect(await faintViews(frame)).toEqual([]);
    await expectNoErrors(frame);
  });

  it('shows a bad view’s error in its place while the other views draw', async () => {
    const frame = await open('bad-views');
    const errors = frame.locator('.figurl-status-error');
    await expect.poll(() => errors.count(), { timeout: 20_000 }).toBe(2);
    expect(await waitForViews(frame, ['UnitsTable', 'Markdown'], { errorsExpected: true })).toEqual([
      'Markdown',
      'UnitsTable',
    ]);
    expect(await faintViews(frame)).toEqual([]);
    const texts = await errors.allTextContents();
    // Each names the view and what is wrong with its data.
    expect(texts.find((text) => text.includes('RasterPlot'))).toMatch(/ndarray/);
    expect(texts.find((text) => text.includes('Autocorrelograms'))).toMatch(/binCounts/);
    // In place: left to right as the Box lists them — table, raster's error, correlograms' error, markdown.
    const order = await frame.evaluate(() =>
      [...document.querySelectorAll('.sv-view[data-view-type], .figurl-status-error')]
        .map((el) => ({
          x: el.getBoundingClientRect().x,
          what:
            el.getAttribute('data-view-type') ??
            (/RasterPlot/.test(el.textContent ?? '') ? 'raster error' : 'acg error'),
        }))
        .sort((a, b) => a.x - b.x)
        .map((item) => item.what),
    );
    expect(order).toEqual(['UnitsTable', 'raster error', 'acg error', 'Markdown']);
  });

  it('the ink threshold separates a drawn view from a box with only a message (a bad view’s error)', async () => {
    const frame = await open('bad-views');
    const errors = frame.locator('.figurl-status-error');
    await expect.poll(() => errors.count(), { timeout: 20_000 }).toBe(2);
    for (const error of await errors.all()) {
      // The error's box: the slot the view would have filled.
      const ink = countInkPixels(await error.locator('xpath=..').screenshot());
      expect(ink).toBeGreaterThan(0);
      expect(ink).toBeLessThan(inkThreshold * 0.75);
    }
  });
});

/** Opens a figure and returns the sortingview plugin's frame (bounded: 20 s). */
async function openFigure(page: Page, shellUrl: string, query: Record<string, string>): Promise<Frame> {
  await page.goto(`${shellUrl}/f?${new URLSearchParams(query)}`);
  const shown = page.locator('iframe[data-figurl-plugin], [data-figurl-error]').first();
  await shown.waitFor({ timeout: 20_000 });
  const shellError = page.locator('[data-figurl-error]');
  if ((await shellError.count()) > 0)
    throw new Error(`the shell refused the figure: ${await shellError.textContent()}`);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/plugins/sortingview/'));
    if (frame !== undefined) {
      await frame.waitForLoadState('load', { timeout: 20_000 });
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`no sortingview plugin frame in ${page.frames().map((f) => f.url())}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Waits (bounded: 20 s) until a view of each of `types` is drawn and visible, and returns the
 * visible views' types, sorted. Throws at once with the text of any error the plugin shows,
 * unless errors are expected.
 */
async function waitForViews(
  frame: Frame,
  types: string[],
  options: { errorsExpected?: boolean } = {},
): Promise<string[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const seen = await frame.evaluate(() => ({
      views: [...document.querySelectorAll('.sv-view[data-view-type]')]
        .filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 0)
        .map((el) => el.getAttribute('data-view-type') ?? ''),
      errors: [...document.querySelectorAll('.figurl-status-error')].map((el) => el.textContent ?? ''),
      messages: [...document.querySelectorAll('.figurl-status')].map((el) => el.textContent ?? ''),
    }));
    if (seen.errors.length > 0 && options.errorsExpected !== true)
      throw new Error(`the plugin shows errors: ${JSON.stringify(seen.errors)}`);
    if (types.every((type) => seen.views.includes(type))) return seen.views.sort();
    if (Date.now() > deadline) {
      throw new Error(
        `waited for views ${JSON.stringify(types)}; visible ${JSON.stringify(seen.views)}, messages ${JSON.stringify(seen.messages)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `type: ink` of each visible view (or those of `types`) that stays under the threshold for 5 s,
 * and each control view without a button.
 */
async function faintViews(frame: Frame, types?: string[]): Promise<string[]> {
  const faint: string[] = [];
  for (const view of await frame.locator('.sv-view[data-view-type]').all()) {
    if (!(await view.isVisible())) continue;
    const type = (await view.getAttribute('data-view-type')) ?? '';
    if (types !== undefined && !types.includes(type)) continue;
    await view.scrollIntoViewIfNeeded({ timeout: 5_000 });
    if (controlTypes.has(type)) {
      const buttons = await view.getByRole('button').count();
      if (buttons === 0) faint.push(`${type}: no buttons`);
      continue;
    }
    const ink = await waitForInk(view);
    if (ink <= inkThreshold) faint.push(`${type}: ${ink}`);
  }
  return faint;
}

async function expectNoErrors(frame: Frame): Promise<void> {
  expect(await frame.locator('.figurl-status-error').allTextContents()).toEqual([]);
}

/** Ink of an element once it has drawn (bounded: 5 s; canvases draw from workers), or the last count. */
async function waitForInk(element: Locator): Promise<number> {
  const deadline = Date.now() + 5_000;
  let ink = 0;
  while (Date.now() < deadline) {
    ink = countInkPixels(await element.screenshot({ timeout: 5_000 }));
    if (ink > inkThreshold) return ink;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return ink;
}

/** A screenshot taken once two in a row agree and show ink (bounded: 10 s), else the last one. */
async function settledScreenshot(element: Locator): Promise<Buffer> {
  const deadline = Date.now() + 10_000;
  let last = await element.screenshot({ timeout: 5_000 });
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const next = await element.screenshot({ timeout: 5_000 });
    if (next.equals(last) && countInkPixels(next) > inkThreshold) return next;
    last = next;
  }
  return last;
}

/** Pixels that differ between two PNGs of the same size (every pixel when the sizes differ). */
function differingPixels(a: Buffer, b: Buffer): number {
  const [pa, pb] = [PNG.sync.read(a), PNG.sync.read(b)];
  if (pa.width !== pb.width || pa.height !== pb.height) return Math.max(pa.width * pa.height, pb.width * pb.height);
  let differing = 0;
  for (let at = 0; at < pa.data.length; at += 4) {
    if (pa.data.readUInt32BE(at) !== pb.data.readUInt32BE(at)) differing++;
  }
  return differing;
}
