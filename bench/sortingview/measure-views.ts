import { createZoneClient, storeBytes } from '@figurl/sdk';
import type { Browser, Frame, Page } from 'playwright-core';
import type { FigurlStack } from '../../test/support/figurl-stack.js';

const encoder = new TextEncoder();

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ndarray = (values: Float32Array) => ({
  _type: 'ndarray',
  shape: [values.length],
  dtype: 'float32',
  data_b64: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64'),
});

/** One view in a MainLayout (a Box of one), stored the way sortingview's `View.url()` stores it. */
async function storeOneViewFigure(stack: FigurlStack, view: { type: string }): Promise<string> {
  const zone = createZoneClient({ baseUrl: stack.zoneUrl, fetch });
  const store = async (value: unknown) =>
    `sha1://${(await storeBytes(zone, encoder.encode(JSON.stringify(value)))).sha1}`;
  const dataUri = await store(view);
  const d = await store({
    type: 'MainLayout',
    layout: { type: 'Box', direction: 'horizontal', items: [{ type: 'View', viewId: '0' }], itemProperties: [{}] },
    views: [{ type: view.type, viewId: '0', dataUri }],
  });
  return `${stack.shellUrl}/f?v=sortingview&d=${encodeURIComponent(d)}&label=bench`;
}

/** `units` Poisson-like trains with `spikes` spikes in all over `durationSec`. */
export function makeRaster(units: number, spikes: number, durationSec: number) {
  const next = random(3);
  const plots = Array.from({ length: units }, (_, unitId) => {
    // The remainder goes to the first units, so the total is exactly `spikes`.
    const perUnit = Math.floor(spikes / units) + (unitId < spikes % units ? 1 : 0);
    const times = new Float32Array(perUnit);
    let t = 0;
    for (let i = 0; i < perUnit; i++) {
      t += (-Math.log(1 - next()) * durationSec) / perUnit;
      times[i] = Math.min(t, durationSec);
    }
    return { unitId: unitId + 1, spikeTimesSec: ndarray(times) };
  });
  return { type: 'RasterPlot', startTimeSec: 0, endTimeSec: durationSec, plots, total: spikes };
}

async function pluginFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 1200; i++) {
    const frame = page.frames().find((f) => f.url().includes('/plugins/sortingview/') && !f.isDetached());
    if (frame !== undefined) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('no sortingview plugin frame within 60 s');
}

export interface RasterResult {
  spikes: number;
  /** From the view's data arriving (decoded) to the first drawn frame. */
  firstFrameMs: number;
  /** From the plugin page's start to its first drawn raster frame (loading and decoding included). */
  pageToFirstFrameMs: number;
  /** Paint times of the frames pan and zoom caused. */
  interactionFrames: number[];
  /** One main-thread draw of every spike (a rect each), on a canvas of the same size: the baseline. */
  naiveFullDrawMs: number;
}

/**
 * Opens a RasterPlot figure, times the first frame after its data arrives, then zooms (=, −) and
 * pans (←, →) with the keyboard, 40 steps 120 ms apart, and collects each frame's paint time.
 * The baseline is measured in the same frame: all spikes drawn once, one `fillRect` each.
 */
export async function measureRaster(
  browser: Browser,
  stack: FigurlStack,
  figure: ReturnType<typeof makeRaster>,
): Promise<RasterResult> {
  const { total, ...view } = figure;
  const url = await storeOneViewFigure(stack, view);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const frame = await pluginFrame(page);
    await frame.waitForFunction(() => (window.__sortingviewRasterStats?.framesDrawn ?? 0) > 0, undefined, {
      timeout: 120_000,
      polling: 10,
    });
    const { firstFrameMs, pageToFirstFrameMs } = await frame.evaluate(() => {
      const arrived = performance.getEntriesByName('sortingview:data-arrived').at(-1);
      const stats = window.__sortingviewRasterStats;
      if (arrived === undefined || stats?.firstFrameAt === undefined)
        throw new Error('no data-arrived mark or first frame time');
      return { firstFrameMs: stats.firstFrameAt - arrived.startTime, pageToFirstFrameMs: stats.firstFrameAt };
    });
    const canvas = frame.locator('.sv-view canvas').first();
    await canvas.click({ position: { x: 300, y: 200 } });
    const before = await frame.evaluate(() => window.__sortingviewRasterStats?.frameTimes.length ?? 0);
    const keys = [
      'Equal',
      'Equal',
      'Equal',
      'Equal',
      'ArrowRight',
      'ArrowRight',
      'ArrowLeft',
      'Minus',
      'Equal',
      'ArrowRight',
    ];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(keys[i % keys.length] as string);
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(300);
    const interactionFrames = await frame.evaluate(
      (from) => window.__sortingviewRasterStats?.frameTimes.slice(from) ?? [],
      before,
    );
    const box = await canvas.boundingBox();
    const naiveFullDrawMs = await frame.evaluate(
      ({ width, height, units }) => {
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(width * devicePixelRatio);
        canvas.height = Math.round(height * devicePixelRatio);
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
        // The same spikes, from the page's own decoded data is not reachable: regenerate as many.
        const perUnit = Math.ceil(1_000_000 / units);
        let state = 3;
        const start = performance.now();
        const rowHeight = canvas.height / units;
        for (let u = 0; u < units; u++) {
          for (let i = 0; i < perUnit; i++) {
            state = (state * 1664525 + 1013904223) >>> 0;
            ctx.fillRect((state / 2 ** 32) * canvas.width, u * rowHeight, 1, rowHeight * 0.8);
          }
        }
        ctx.getImageData(0, 0, 1, 1); // wait for the drawing to finish
        return performance.now() - start;
      },
      { width: box?.width ?? 1300, height: box?.height ?? 800, units: view.plots.length },
    );
    return { spikes: total, firstFrameMs, pageToFirstFrameMs, interactionFrames, naiveFullDrawMs };
  } finally {
    await context.close();
  }
}

export interface SelectAllResult {
  units: number;
  /** Select all by the table's header checkbox, until the next frame is painted. */
  selectAllMs: number[];
  /** The same visible change made directly on a plain DOM table of as many rows: the baseline. */
  plainDomMs: number[];
}

/** A 500-unit UnitsTable: select all and deselect all, 10 times each, against a plain DOM table. */
export async function measureSelectAll(browser: Browser, stack: FigurlStack, units: number): Promise<SelectAllResult> {
  const next = random(9);
  const table = {
    type: 'UnitsTable',
    columns: [
      { key: 'numEvents', label: 'Num. events', dtype: 'int' },
      { key: 'firingRateHz', label: 'Firing rate (Hz)', dtype: 'float' },
      { key: 'snr', label: 'SNR', dtype: 'float' },
    ],
    rows: Array.from({ length: units }, (_, i) => ({
      unitId: i + 1,
      values: { numEvents: Math.floor(next() * 1e5), firingRateHz: next() * 40, snr: next() * 20 },
    })),
  };
  const url = await storeOneViewFigure(stack, table);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const frame = await pluginFrame(page);
    await frame
      .locator('tr.sv-row')
      .nth(units - 1)
      .waitFor({ state: 'attached', timeout: 60_000 });
    const selectAllMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      selectAllMs.push(
        await frame.evaluate(async () => {
          const box = document.querySelector('input[aria-label="Select all units"]') as HTMLInputElement;
          const start = performance.now();
          box.click();
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return performance.now() - start;
        }),
      );
    }
    const selected = await frame.locator('tr.sv-row-selected').count();
    if (selected !== 0)
      throw new Error(`after an even number of select-all clicks ${selected} rows are still selected`);
    const plainDomMs = await frame.evaluate(async (count) => {
      const holder = document.createElement('div');
      holder.style.cssText = 'position:fixed;inset:0;overflow:auto;background:#fff';
      const tableEl = document.createElement('table');
      for (let i = 0; i < count; i++) {
        const tr = tableEl.insertRow();
        tr.innerHTML = `<td><input type="checkbox"></td><td>${i + 1}</td><td>${i * 7}</td><td>${(i / 3).toFixed(3)}</td><td>${(i / 7).toFixed(3)}</td>`;
      }
      holder.append(tableEl);
      document.body.append(holder);
      const times: number[] = [];
      for (let round = 0; round < 20; round++) {
        const on = round % 2 === 0;
        const start = performance.now();
        for (const tr of tableEl.rows) {
          (tr.cells[0]?.firstChild as HTMLInputElement).checked = on;
          tr.style.background = on ? '#dbe8ff' : '';
        }
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        times.push(performance.now() - start);
      }
      holder.remove();
      return times;
    }, units);
    return { units, selectAllMs, plainDomMs };
  } finally {
    await context.close();
  }
}
