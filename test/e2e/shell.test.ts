import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { createZoneClient, storeBytes } from '@figurl/sdk';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countInkPixels,
  type FigurlStack,
  launchChromium,
  type PluginPageServer,
  startFigurlStack,
  startPluginPageServer,
  toPluginPageHtml,
} from '../support/figurl-stack.js';

/**
 * A drawn chart has tens of thousands of ink pixels (the demos: 30k-400k at 1000×700); a white
 * frame has none and a plugin's "This figure has no data." line under a thousand. Measured below
 * on a figure without data, so the threshold is shown to separate the two.
 */
const inkThreshold = 10_000;

const firingRates = 'Demo · Firing rates (Vega-Lite)';
const waveforms = 'Demo · Waveform features, linked brushing (Vega-Lite)';
const welcome = 'Demo · Welcome to figurl (Markdown)';
const heatmap = 'Demo · Heatmap (Plotly)';

/** Records the query string's `s` and what it is told; the test drives it with `figurlRequest`. */
const statePage = toPluginPageHtml('window.__result = { ready: true };', { title: 'state plugin' });
/** A figurl-interface 0.1 plugin: getFigureData without a protocol version. */
const legacyPage = toPluginPageHtml(
  `figurlRequest({ type: 'getFigureData' }).then(function (r) { window.__result = r; });`,
  { title: 'legacy plugin' },
);
const p1Page = toPluginPageHtml(
  `figurlRequest({ type: 'getFigureData', figurlProtocolVersion: 'p1' }).then(function (r) { window.__result = r; });`,
  { title: 'p1 plugin' },
);

describe('the figure page in a browser (figurl up, headless Chromium)', () => {
  let stack: FigurlStack;
  let browser: Browser;
  let context: BrowserContext;
  let plugins: PluginPageServer;

  beforeAll(async () => {
    [stack, browser, plugins] = await Promise.all([
      startFigurlStack(),
      launchChromium(),
      startPluginPageServer({ '/state.html': statePage, '/legacy.html': legacyPage, '/p1.html': p1Page }),
    ]);
    context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    expect([...stack.demos.keys()], stack.output()).toEqual(
      expect.arrayContaining([firingRates, waveforms, welcome, heatmap]),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await plugins?.close();
    await stack?.stop();
  });

  const demo = (label: string) => stack.demos.get(label) as string;
  const figureUrl = (query: Record<string, string>) => `${stack.shellUrl}/f?${new URLSearchParams(query)}`;
  const store = async (bytes: Uint8Array) =>
    (await storeBytes(createZoneClient({ baseUrl: stack.zoneUrl, fetch }), bytes)).sha1;

  it('lists the demo figures on the home page, each linking to its figURL', async () => {
    const page = await context.newPage();
    await page.goto(stack.shellUrl);
    const links = page.locator('[data-figurl-gallery="figures"] li a');
    await links.first().waitFor();
    const shown = await links.evaluateAll((as) =>
      as.map((a) => ({ label: a.textContent, href: (a as HTMLAnchorElement).href })),
    );
    for (const label of [firingRates, waveforms, welcome, heatmap]) {
      const hash = /d=(sha1:\/\/[0-9a-f]{40})/.exec(demo(label))?.[1] as string;
      const link = shown.find((l) => l.label === label);
      expect(link, `${label} in ${JSON.stringify(shown)}`).toBeDefined();
      expect(decodeURIComponent(link?.href ?? '')).toContain(hash);
    }
    await page.close();
  });

  it('draws the Vega-Lite demos: the plugin frame has ink, and the bar shows the label', async () => {
    const page = await context.newPage();
    for (const label of [firingRates, waveforms]) {
      await page.goto(demo(label));
      await expect.poll(() => page.locator('[data-figurl-bar] .label').textContent()).toBe(label);
      expect(await page.title()).toBe(`${label} · figurl`);
      expect(await waitForInk(page.locator('iframe[data-figurl-plugin="vegalite"]'))).toBeGreaterThan(inkThreshold);
    }
    await page.close();
  });

  it('draws the Plotly heatmap', async () => {
    const page = await context.newPage();
    await page.goto(demo(heatmap));
    expect(await waitForInk(page.locator('iframe[data-figurl-plugin="plotly"]'))).toBeGreaterThan(inkThreshold);
    await page.close();
  });

  it('draws the Markdown demo and the live figure embedded in it (shell → markdown → shell → vegalite)', async () => {
    const page = await context.newPage();
    await page.goto(demo(welcome));
    const markdown = page.locator('iframe[data-figurl-plugin="markdown"]');
    expect(await waitForInk(markdown)).toBeGreaterThan(inkThreshold);
    // The embedded figURL is a shell page (hide=1) inside the markdown plugin, framing vegalite.
    const embedded = page.frameLocator('iframe[data-figurl-plugin="markdown"]').locator('iframe').first();
    expect(await embedded.getAttribute('src')).toMatch(/\/f\?.*hide=1/);
    const nestedChart = page
      .frameLocator('iframe[data-figurl-plugin="markdown"]')
      .frameLocator('iframe')
      .locator('iframe[data-figurl-plugin="vegalite"]');
    expect(await waitForInk(nestedChart)).toBeGreaterThan(inkThreshold);
    const nestedShell = page.frames().find((f) => f.url().includes('/f?') && f.parentFrame() !== null);
    expect(await nestedShell?.locator('[data-figurl-bar]').count()).toBe(0);
    await page.close();
  });

  it('the ink threshold separates a chart from a frame without one (a figure without data)', async () => {
    const page = await context.newPage();
    await page.goto(figureUrl({ v: 'vegalite', label: 'No data' }));
    const frame = page.frameLocator('iframe[data-figurl-plugin="vegalite"]');
    await frame.getByText('This figure has no data.').waitFor();
    const ink = countInkPixels(await page.locator('iframe[data-figurl-plugin="vegalite"]').screenshot());
    expect(ink).toBeGreaterThan(0);
    expect(ink).toBeLessThan(inkThreshold / 5);
    await page.close();
  });

  it('hide=1 hides the app bar and still draws the figure', async () => {
    const page = await context.newPage();
    await page.goto(`${demo(firingRates)}&hide=1`);
    expect(await waitForInk(page.locator('iframe[data-figurl-plugin="vegalite"]'))).toBeGreaterThan(inkThreshold);
    expect(await page.locator('[data-figurl-bar]').count()).toBe(0);
    await page.close();
  });

  it('round-trips URL state: setUrlState → s= and reportUrlStateChange; back → the old state; reload → s in the frame', async () => {
    const page = await context.newPage();
    await page.goto(figureUrl({ v: plugins.url('/state.html'), label: 'State' }));
    const frame = await pluginFrame(page, plugins.origin);
    await frame.waitForFunction(() => (window as unknown as TestWindow).__result !== undefined);

    const first = await frame.evaluate(() => figurlRequest({ type: 'setUrlState', state: { unit: 3 } }));
    expect(first).toEqual({ type: 'setUrlState' });
    await expect.poll(() => stateOf(page.url())).toEqual({ unit: 3 });
    await expect.poll(() => reportedStates(frame)).toEqual([{ unit: 3 }]);

    // Calls closer than 250 ms replace the entry; this one is a new history entry.
    await page.waitForTimeout(300);
    await frame.evaluate(() => figurlRequest({ type: 'setUrlState', state: { unit: 7, zoom: [0, 1.5] } }));
    await expect.poll(() => stateOf(page.url())).toEqual({ unit: 7, zoom: [0, 1.5] });
    expect(page.url()).toContain('s={%22unit%22:7,%22zoom%22:[0,1.5]}');

    await page.evaluate(() => history.back());
    await expect.poll(() => stateOf(page.url())).toEqual({ unit: 3 });
    await expect.poll(() => reportedStates(frame)).toEqual([{ unit: 3 }, { unit: 7, zoom: [0, 1.5] }, { unit: 3 }]);
    // Going back did not reload the plugin: the same document told of every change.
    expect(page.frames()).toContain(frame);

    await page.reload();
    const reloaded = await pluginFrame(page, plugins.origin);
    expect(new URL(reloaded.url()).searchParams.get('s')).toBe('{"unit":3}');
    expect(await reloaded.evaluate(() => (window as unknown as TestWindow).__state)).toBe('{"unit":3}');
    await page.close();
  });

  it('refuses data whose bytes do not match their hash: error panel, no plugin frame', async () => {
    const bytes = new TextEncoder().encode(
      JSON.stringify({ spec: { mark: 'bar', data: { values: [{ a: 1 }, { a: 2 }] }, encoding: {} }, n: Date.now() }),
    );
    const hash = await store(bytes);
    const file = path.join(stack.dataDir, 'bucket', 'sha1', hash.slice(0, 2), hash.slice(2, 4), hash.slice(4, 6), hash);
    expect(statSync(file).size).toBe(bytes.byteLength);
    // Same length, one byte changed: only the hash can tell.
    const tampered = Buffer.from(readFileSync(file));
    tampered[tampered.length - 2] = tampered[tampered.length - 2] === 0x31 ? 0x32 : 0x31;
    writeFileSync(file, tampered);

    const page = await context.newPage();
    await page.goto(figureUrl({ v: 'vegalite', d: `sha1://${hash}`, label: 'Tampered' }));
    const panel = page.locator('[data-figurl-error="hash-mismatch"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(`expected sha1 ${hash}`);
    expect(await page.locator('iframe').count()).toBe(0);
    await page.close();
  });

  it('says "data not found" for a sha1 the zone does not hold, with no plugin frame', async () => {
    const page = await context.newPage();
    await page.goto(figureUrl({ v: 'vegalite', d: `sha1://${'0123456789'.repeat(4)}`, label: 'Missing' }));
    const panel = page.locator('[data-figurl-error="data-not-found"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(`sha1://${'0123456789'.repeat(4)}`);
    expect(await page.locator('iframe').count()).toBe(0);
    await page.close();
  });

  it('says "unknown plugin" for v=nope', async () => {
    const page = await context.newPage();
    await page.goto(figureUrl({ v: 'nope', d: 'sha1://0123456789012345678901234567890123456789' }));
    const panel = page.locator('[data-figurl-error="unknown-plugin"]');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('unknown plugin "nope"');
    expect(await page.locator('iframe').count()).toBe(0);
    await page.close();
  });

  describe('ndarrays (Python figurl data, data_gzip_b64 by default)', () => {
    const floats = new Float32Array([1, 2.5, -3, 4, 5, 6.25]);
    const shorts = new Int16Array([-7, 300, 12, 0]);
    const encoded = {
      traces: {
        _type: 'ndarray',
        shape: [2, 3],
        dtype: 'float32',
        data_gzip_b64: deflateSync(Buffer.from(floats.buffer)).toString('base64'),
      },
      offsets: {
        _type: 'ndarray',
        shape: [4],
        dtype: 'int16',
        data_b64: Buffer.from(shorts.buffer).toString('base64'),
      },
      label: 'two units',
    };
    let dataUri: string;
    beforeAll(async () => {
      dataUri = `sha1://${await store(new TextEncoder().encode(JSON.stringify(encoded)))}`;
    });

    it('a legacy plugin (no protocol version) gets nested arrays, inflated in the shell', async () => {
      const page = await context.newPage();
      await page.goto(figureUrl({ v: plugins.url('/legacy.html'), d: dataUri }));
      const result = await resultOf(await pluginFrame(page, plugins.origin));
      expect(result).toEqual({
        type: 'getFigureData',
        figureData: {
          traces: [
            [1, 2.5, -3],
            [4, 5, 6.25],
          ],
          offsets: [-7, 300, 12, 0],
          label: 'two units',
        },
      });
      await page.close();
    });

    it('a p1 plugin gets the raw JSON', async () => {
      const page = await context.newPage();
      await page.goto(figureUrl({ v: plugins.url('/p1.html'), d: dataUri }));
      expect(await resultOf(await pluginFrame(page, plugins.origin))).toEqual({
        type: 'getFigureData',
        figureData: encoded,
      });
      await page.close();
    });
  });
});

interface TestWindow {
  __result?: unknown;
  __state?: string | null;
  __received: Array<{ origin: string; data: { type?: string; state?: unknown } }>;
}
declare function figurlRequest(request: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;

/** The test plugin's frame, once it has loaded from `origin`. */
async function pluginFrame(page: Page, origin: string): Promise<Frame> {
  const element = await page.waitForSelector('iframe[data-figurl-plugin]');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const frame = await element.contentFrame();
    if (frame?.url().startsWith(origin)) {
      await frame.waitForFunction(() => typeof (window as { figurlSend?: unknown }).figurlSend === 'function');
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`the plugin frame did not load from ${origin}`);
    await page.waitForTimeout(50);
  }
}

async function resultOf(frame: Frame): Promise<unknown> {
  await frame.waitForFunction(() => (window as unknown as TestWindow).__result !== undefined, null, {
    timeout: 15_000,
  });
  return frame.evaluate(() => (window as unknown as TestWindow).__result);
}

function reportedStates(frame: Frame): Promise<unknown[]> {
  return frame.evaluate(() =>
    (window as unknown as TestWindow).__received
      .filter((m) => m.data?.type === 'reportUrlStateChange')
      .map((m) => m.data.state),
  );
}

function stateOf(url: string): unknown {
  const s = new URL(url).searchParams.get('s');
  return s === null ? undefined : JSON.parse(s);
}

/** Ink of an element's screenshot once the plugin has drawn (bounded: 20 s), or the last count. */
async function waitForInk(element: Locator): Promise<number> {
  await element.waitFor();
  const deadline = Date.now() + 20_000;
  let ink = 0;
  while (Date.now() < deadline) {
    ink = countInkPixels(await element.screenshot());
    if (ink > inkThreshold) return ink;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return ink;
}
