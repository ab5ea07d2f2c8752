import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMigrations } from '@figurl/prisma';
import { type Browser, chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { createFreshDatabase, type FreshDatabase, getDatabaseUrl } from './database.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export interface FigurlStack {
  /** `http://127.0.0.1:<port>`: the Next.js shell. */
  shellUrl: string;
  /** `http://127.0.0.1:<port>`: the zone, with the plugin host under `/plugins/`. */
  zoneUrl: string;
  /** `--data`: the filesystem bucket is `<dataDir>/bucket`. */
  dataDir: string;
  /** The seeded demo figURLs by label (`Demo · Firing rates (Vega-Lite)` → `http://…/f?…`). */
  demos: Map<string, string>;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface FigurlStackOptions {
  /** Extra environment: GITHUB_API_URL, GITHUB_URL, GITHUB_CLIENT_ID, … */
  env?: Record<string, string>;
  /** How long to wait for the shell and the demo figures; default 90 s. */
  startTimeoutMs?: number;
  /** The PostgreSQL server to make the stack's database on; default the test database's. */
  databaseUrl?: string;
}

/**
 * `figurl up --no-build` as a child process, the way a user runs it: zone, plugin host and shell
 * on free loopback ports, an open zone (anonymous uploads), demo figures seeded. Each stack gets
 * a fresh migrated database and data folder: the demo figures are registered once per database,
 * so a database shared with another stack would name blobs whose bytes sit in the other stack's
 * bucket. The plugins and the shell must be built (`npm test`'s pretest does it).
 *
 * @example
 * const stack = await startFigurlStack();
 * afterAll(() => stack.stop());
 * await page.goto(stack.demos.get('Demo · Heatmap (Plotly)') ?? '');
 */
export async function startFigurlStack(options: FigurlStackOptions = {}): Promise<FigurlStack> {
  for (const built of ['app/.next/BUILD_ID', 'plugins/vegalite/dist/index.html']) {
    if (!existsSync(path.join(root, built))) {
      throw new Error(`${built} is missing: build the shell and plugins first (npm run build:shell)`);
    }
  }
  const [port, zonePort] = [await findFreePort(), await findFreePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'figurl-stack-'));
  const database: FreshDatabase = await createFreshDatabase(options.databaseUrl ?? getDatabaseUrl());
  await applyMigrations({ databaseUrl: database.url, log: () => undefined });
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'sdk/bin/figurl.js',
      'up',
      '--no-build',
      '--port',
      String(port),
      '--zone-port',
      String(zonePort),
      '--data',
      dataDir,
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: database.url,
        FIGURL_OPEN: '1',
        NEXT_TELEMETRY_DISABLED: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk: Buffer) => {
    // Bounded: a chatty process must not fill memory over a long suite.
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // Every later failure would be "connection refused": say why here, once.
      if (!stopping) process.stderr.write(`figurl up exited early (code ${code}, signal ${signal}):\n${output}\n`);
      resolve();
    }),
  );

  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await database.drop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (options.startTimeoutMs ?? 90_000);
    while (!/figurl: open http/.test(output)) {
      if (child.exitCode !== null) throw new Error(`figurl up exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`figurl up did not finish starting in time:\n${output}`);
      await sleep(100);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const shellUrl = /shell listening at (http:\/\/\S+)/.exec(output)?.[1] ?? `http://127.0.0.1:${port}`;
  const zoneUrl = /zone listening at (http:\/\/\S+)/.exec(output)?.[1] ?? `http://127.0.0.1:${zonePort}`;
  const demos = new Map<string, string>();
  for (const match of output.matchAll(/^figurl: {3}(.+?): (http:\/\/\S+)$/gm)) {
    demos.set(match[1] as string, match[2] as string);
  }
  return { shellUrl, zoneUrl, dataDir, demos, output: () => output, stop };
}

/** A port nobody listens on right now (listen on 0, read it, close). */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Headless Chromium (the system's) through playwright-core; `extraArgs` e.g. `--js-flags=--expose-gc`. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
    timeout: 30_000,
  });
}

/**
 * How many pixels of a PNG are ink: further than `tolerance` (per channel, 0-255) from the
 * background, taken as the image's most common colour. A blank or single-colour frame has 0.
 */
export function countInkPixels(png: Buffer, options: { tolerance?: number } = {}): number {
  const tolerance = options.tolerance ?? 32;
  const { data, width, height } = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let at = 0; at < data.length; at += 4) {
    const key = ((data[at] ?? 0) << 16) | ((data[at + 1] ?? 0) << 8) | (data[at + 2] ?? 0);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let background = 0xffffff;
  let most = -1;
  for (const [key, count] of counts) {
    if (count > most) [background, most] = [key, count];
  }
  const [br, bg, bb] = [(background >> 16) & 0xff, (background >> 8) & 0xff, background & 0xff];
  let ink = 0;
  for (let at = 0; at < width * height * 4; at += 4) {
    const far =
      Math.abs((data[at] ?? 0) - br) > tolerance ||
      Math.abs((data[at + 1] ?? 0) - bg) > tolerance ||
      Math.abs((data[at + 2] ?? 0) - bb) > tolerance;
    if (far) ink++;
  }
  return ink;
}

export interface PluginPageServer {
  /** `http://<host>:<port>`: an origin other than the shell's and the zone's. */
  origin: string;
  /** The page at `pathname` (`/attack/x.html`) on this server. */
  url(pathname: string): string;
  /** Every request answered so far (e.g. a form post that got through); `url` is path and query. */
  requests: ReadonlyArray<{ method: string; path: string; url: string }>;
  close(): Promise<void>;
}

/**
 * Serves test plugin pages (`pathname` → HTML) from a loopback HTTP server. Open one in the shell
 * as `/f?v=<server.url(pathname)>`; the page speaks the raw postMessage protocol (see
 * `toPluginPageHtml`).
 */
export async function startPluginPageServer(
  pages: Readonly<Record<string, string>>,
  options: { host?: string } = {},
): Promise<PluginPageServer> {
  const host = options.host ?? '127.0.0.1';
  const requests: Array<{ method: string; path: string; url: string }> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? 'GET', path: pathname, url: req.url ?? '/' });
    req.resume();
    const html = pages[pathname];
    if (html === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no page ${pathname}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    url: (pathname) => `${origin}${pathname}`,
    requests,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/**
 * A plugin page that speaks the raw figurl protocol (no library): `figureId` and `parentOrigin`
 * come from its query string; everything it receives is kept in `window.__received`
 * (`{origin, data}`); `figurlSend(request, figureId?)` posts a request and returns its id;
 * `figurlRequest(request, timeoutMs?)` resolves with the response (or `{timeout: true}`).
 * `script` runs after that and puts its findings in `window.__result`.
 */
export function toPluginPageHtml(script: string, options: { title?: string } = {}): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${options.title ?? 'test plugin'}</title></head>
<body style="margin:0;font:14px sans-serif">
<div id="out">test plugin</div>
<script>
(function () {
  var query = new URLSearchParams(location.search);
  window.__figureId = query.get('figureId');
  window.__parentOrigin = query.get('parentOrigin');
  window.__state = query.get('s');
  window.__received = [];
  var waiting = {};
  var count = 0;
  addEventListener('message', function (event) {
    window.__received.push({ origin: event.origin, data: event.data });
    var data = event.data;
    if (data && data.type === 'figurlResponse' && waiting[data.requestId]) {
      var resolve = waiting[data.requestId];
      delete waiting[data.requestId];
      resolve(data.response);
    }
  });
  window.figurlSend = function (request, figureId) {
    count += 1;
    var requestId = 'r' + count + 'x' + Math.random().toString(36).slice(2, 8);
    window.parent.postMessage(
      { type: 'figurlRequest', figureId: figureId || window.__figureId, requestId: requestId, request: request },
      window.__parentOrigin,
    );
    return requestId;
  };
  window.figurlRequest = function (request, timeoutMs) {
    return new Promise(function (resolve) {
      var requestId = window.figurlSend(request);
      waiting[requestId] = resolve;
      setTimeout(function () {
        if (waiting[requestId]) {
          delete waiting[requestId];
          resolve({ timeout: true });
        }
      }, timeoutMs || 5000);
    });
  };
})();
</script>
<script>
${script}
</script>
</body></html>`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
