// Cold time to the first rendered pixel of a Vega-Lite figure with 1 MB of data: the figure page
// of `figurl up` (shell → sandboxed plugin frame → protocol → zone blob, verified) against a
// bare static page that embeds vega-embed with the same spec inline, in the same Chromium run.
// Target: ratio ≤ 1.25. Runs alternate, each in a fresh browser context (nothing cached).
//
//   npm run bench:shell -w @figurl/bench      (needs the plugins and shell built: npm run build:shell)

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFigurl, VegaLite } from '@figurl/sdk';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium, startFigurlStack } from '../test/support/figurl-stack.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 7);

/** 1 MB of data values: a scatter of 15,000 points. */
function spec() {
  let state = 42;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const values = Array.from({ length: 15_000 }, (_, i) => ({
    time: i / 100,
    amplitude: Math.round((next() * 200 - 100) * 1000) / 1000,
    width: Math.round(next() * 1e6) / 1e6,
    unit: `unit ${Math.floor(next() * 12)}`,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values },
    mark: { type: 'point', filled: true, size: 10 },
    encoding: {
      x: { field: 'time', type: 'quantitative' },
      y: { field: 'amplitude', type: 'quantitative' },
      color: { field: 'unit', type: 'nominal' },
    },
    width: 800,
    height: 500,
  };
}

/** The baseline: vega, vega-lite and vega-embed's own builds, the spec inline. */
async function startBarePage(specJson: string): Promise<{ server: Server; url: string }> {
  const file = (p: string) => readFileSync(path.join(root, 'node_modules', p));
  const scripts: Record<string, Buffer> = {
    '/vega.js': file('vega/build/vega.min.js'),
    '/vega-lite.js': file('vega-lite/build/vega-lite.min.js'),
    '/vega-embed.js': file('vega-embed/build/vega-embed.min.js'),
  };
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title>
<script src="/vega.js"></script><script src="/vega-lite.js"></script><script src="/vega-embed.js"></script>
</head><body style="margin:0"><div id="vis"></div>
<script>vegaEmbed('#vis', ${specJson}, { actions: false });</script></body></html>`;
  const server = createServer((req, res) => {
    const script = scripts[req.url ?? ''];
    if (script !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/**
 * Resolves when the chart's marks are drawn: symbols in vega's SVG renderer (vega-embed's
 * default, used by both pages), or ink in a canvas renderer (a sampled pixel not transparent).
 */
function waitForInk(frame: Frame | Page): Promise<unknown> {
  return frame.waitForFunction(
    () => {
      if (document.querySelector('svg.marks .mark-symbol path') !== null) return true;
      const canvas = document.querySelector('canvas');
      if (canvas === null || canvas.width === 0) return false;
      const ctx = canvas.getContext('2d');
      if (ctx === null) return false;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4 * 97) if ((data[i] as number) > 0) return true;
      return false;
    },
    undefined,
    { polling: 16, timeout: 60_000 },
  );
}

async function timeBare(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log('bare console:', m.text()));
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await waitForInk(page);
  const ms = Date.now() - start;
  await context.close();
  return ms;
}

async function timeFigure(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  // The plugin frame is found by its URL; should it be replaced (a re-render), the new one is used.
  for (let attempt = 0; ; attempt++) {
    let frame: Frame | undefined;
    for (let i = 0; i < 6000 && frame === undefined; i++) {
      frame = page.frames().find((f) => f.url().includes('/plugins/vegalite/') && !f.isDetached());
      if (frame === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    if (frame === undefined) throw new Error(`no plugin frame within 60 s: ${await page.locator('body').innerText()}`);
    try {
      await waitForInk(frame);
      break;
    } catch (err) {
      if (attempt > 3 || !String(err).includes('detached')) throw err;
    }
  }
  const ms = Date.now() - start;
  await context.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// The stack the end-to-end tests use: `figurl up` on free ports with a database of its own.
const stack = await startFigurlStack({
  databaseUrl: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
});
const figureSpec = spec();
const specJson = JSON.stringify(figureSpec);
const bare = await startBarePage(specJson);
const browser = await launchChromium();
try {
  const context = createFigurl({ zoneUrl: stack.zoneUrl, shellUrl: stack.shellUrl, fetch });
  const figureUrl = await new VegaLite(figureSpec).url({ label: 'bench 1 MB', context });
  console.log(`data: ${(specJson.length / 1e6).toFixed(2)} MB of spec JSON; ${runs} cold runs each, alternating`);
  // One warm-up of each: the zone's and Next's first requests compile and connect.
  await timeBare(browser, bare.url);
  await timeFigure(browser, figureUrl);
  const bareTimes: number[] = [];
  const figureTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    bareTimes.push(await timeBare(browser, bare.url));
    figureTimes.push(await timeFigure(browser, figureUrl));
  }
  const ratio = median(figureTimes) / median(bareTimes);
  console.log(`bare vega-embed page: median ${median(bareTimes)} ms  (${bareTimes.join(', ')})`);
  console.log(`figurl figure page:   median ${median(figureTimes)} ms  (${figureTimes.join(', ')})`);
  console.log(`ratio figure/bare: ${ratio.toFixed(2)}x  (target ≤ 1.25x: ${ratio <= 1.25 ? 'PASS' : 'MISS'})`);
} finally {
  await browser.close();
  bare.server.close();
  await stack.stop();
}
