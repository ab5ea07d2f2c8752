import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, CDPSession } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A sortingview-like figure of about `megabytes` MB of JSON: float32 spike trains as data_b64. */
export function makeLargeFigure(megabytes: number): { json: string; arrayBytes: number } {
  const perUnitFloats = 62_500; // 250 kB of float32 → 333 kB of base64
  const units = Math.max(1, Math.round((megabytes * 1e6) / (perUnitFloats * 4 * (4 / 3))));
  let state = 7;
  const values = new Float32Array(perUnitFloats);
  const plots = [];
  for (let unit = 0; unit < units; unit++) {
    let t = 0;
    for (let i = 0; i < perUnitFloats; i++) {
      state = (state * 1664525 + 1013904223) >>> 0;
      t += (state / 2 ** 32) * 0.02;
      values[i] = t;
    }
    plots.push({
      unitId: unit,
      spikeTimesSec: {
        _type: 'ndarray',
        shape: [perUnitFloats],
        dtype: 'float32',
        data_b64: Buffer.from(values.buffer).toString('base64'),
      },
    });
  }
  const json = JSON.stringify({ type: 'RasterPlot', startTimeSec: 0, endTimeSec: 1250, plots });
  return { json, arrayBytes: units * perUnitFloats * 4 };
}

/** Peak resident memory (VmHWM) of a process, in bytes, and a way to reset it (clear_refs 5). */
function readPeakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}
function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}
async function resetPeakRss(pid: number): Promise<void> {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function rendererPids(cdp: CDPSession): Promise<number[]> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>;
  };
  return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
}

export interface DecodeResult {
  decoder: 'typed' | 'nested';
  ms: number;
  /** Peak renderer memory during decoding above the renderer's memory before the data existed. */
  peakBytes: number;
  /** What the parsed (not yet decoded) figure took. */
  parsedBytes: number;
}

/**
 * Decodes `json`'s arrays in a fresh page with one decoder and reports the time of decoding alone
 * (the object is already parsed, as the plugin receives it by postMessage) and the renderer's
 * peak memory from before the data was fetched to the end of decoding.
 */
export async function measureDecoding(
  browser: Browser,
  json: string,
  decoder: 'typed' | 'nested',
): Promise<DecodeResult> {
  const bundle = await build({
    entryPoints: [path.join(here, 'decode-page.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    platform: 'browser',
    target: 'es2022',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const server = createServer((req, res) => {
    if (req.url === '/decode.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (req.url === '/figure.json') res.writeHead(200, { 'content-type': 'application/json' }).end(json);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/decode.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const context = await browser.newContext();
  try {
    const cdp = await browser.newBrowserCDPSession();
    const before = new Set(await rendererPids(cdp));
    const page = await context.newPage();
    await page.goto(url);
    // Chromium keeps spare renderers: the page's is the one the parsed data lands in.
    const candidates = (await rendererPids(cdp)).filter((id) => !before.has(id));
    await page.evaluate(() => (globalThis as unknown as { gc(): void }).gc());
    const baselines = new Map(candidates.map((id) => [id, readRss(id)]));
    // The parsed tree, the fetched text dropped: what the plugin holds when the shell's answer
    // arrives (postMessage hands over the object; the plugin never holds the text).
    await page.evaluate(async () => {
      const g = globalThis as unknown as { gc(): void; data: unknown };
      g.data = await (await fetch('/figure.json')).json();
      g.gc();
    });
    const grown = candidates.map((id) => ({ id, by: readRss(id) - (baselines.get(id) as number) }));
    const page_ = grown.sort((a, b) => b.by - a.by)[0];
    if (page_ === undefined) throw new Error('could not find the page renderer process');
    const pid = page_.id;
    const baseline = baselines.get(pid) as number;
    const parsedBytes = page_.by;
    await resetPeakRss(pid);
    const ms = await page.evaluate(async (which) => {
      const g = globalThis as unknown as {
        decodeNdarraysInPlace(v: unknown): Promise<unknown>;
        deserializeNdarrays(v: unknown): Promise<unknown>;
        data: unknown;
      };
      const start = performance.now();
      g.data = which === 'typed' ? await g.decodeNdarraysInPlace(g.data) : await g.deserializeNdarrays(g.data);
      return performance.now() - start;
    }, decoder);
    const peakBytes = readPeakRss(pid) - baseline;
    await cdp.detach();
    return { decoder, ms, peakBytes, parsedBytes };
  } finally {
    await context.close();
    server.close();
  }
}
