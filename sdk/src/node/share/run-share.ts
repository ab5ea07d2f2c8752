import { resolve } from 'node:path';
import WebSocket from 'ws';
import { FigurlError, fromErrorBody } from '../../errors/index.js';
import {
  announceBatchSize,
  type EdgeFile,
  type ShareClientMessage,
  shareCloseCodes,
  shareZoneMessageSchema,
} from '../../schemas/edge.js';
import type { ZoneClient } from '../../zone-client/index.js';
import { createRequestServer } from './create-request-server.js';
import { type DirectoryIndex, indexDirectory, type SharedFile } from './index-directory.js';
import { createSha1Cache } from './sha1-cache.js';

export interface RunShareOptions {
  /** The folder whose files are offered. */
  dir: string;
  /** The resource's name in the zone (`--name`, by default the host name). */
  name: string;
  /** `$KACHERY_CLOUD_DIR`: the SHA-1 cache lives under it. */
  cacheDir: string;
  /** One line per event. */
  log: (line: string) => void;
  /** Stops sharing: the connection closes and `runShare` resolves. */
  signal?: AbortSignal;
  /** Uploads at a time (default 2, as kachery-resource). */
  maxConcurrentUploads?: number;
  /** Pings keep the connection and the zone's view of it alive (default 20 s). */
  pingIntervalMs?: number;
  /** Reconnect delays: doubling from `min` to `max` (default 1 s to 30 s). */
  retryMs?: { min: number; max: number };
  /** How often the folder is looked at again for new, changed and deleted files (default 5 min). */
  rescanMs?: number;
}

/**
 * `figurl share <dir>` as a function: indexes the folder (SHA-1s cached by path, size and
 * mtime), connects out to the zone's `/api/v1/edge/connect` WebSocket with the client's token,
 * announces every hash and size (never a path) and uploads a file through the normal verified
 * upload when the zone asks for one, at most `maxConcurrentUploads` at a time. Only announced
 * hashes are served; a file that changed since it was announced is refused and announced anew.
 * Keeps the connection with pings, reconnects with backoff, and runs until `signal` aborts.
 * Rejects when the zone refuses the connection (credentials, rights, a bad name) or when another
 * connection of the same resource takes over.
 *
 * @example
 * await runShare(client, { dir: '/data', name: 'lab-pc', cacheDir, log: (l) => console.error(l), signal });
 */
export async function runShare(client: ZoneClient, options: RunShareOptions): Promise<void> {
  const { name, log, signal } = options;
  const dir = resolve(options.dir);
  const cache = createSha1Cache(options.cacheDir);
  const maxUploads = options.maxConcurrentUploads ?? 2;
  const pingMs = options.pingIntervalMs ?? 20_000;
  const retry = options.retryMs ?? { min: 1000, max: 30_000 };

  const started = Date.now();
  const state = { index: await indexDirectory(dir, cache, signal ? { signal } : {}) };
  const { hashed, cached } = state.index;
  log(`${describeIndex(state.index)} in ${dir} (${hashed} hashed, ${cached} from the cache, ${seconds(started)})`);

  let socket: WebSocket | undefined;
  let ready = false;
  const send = (message: ShareClientMessage) => {
    if (socket?.readyState === WebSocket.OPEN && ready) socket.send(JSON.stringify(message));
  };
  const announce = (files: EdgeFile[], last: boolean) => {
    for (let at = 0; at < files.length || (last && at === 0); at += announceBatchSize) {
      const batch = files.slice(at, at + announceBatchSize);
      send({ type: 'announce', files: batch, last: last && at + announceBatchSize >= files.length });
    }
  };
  const listing = () => [...state.index.byHash].map(([sha1, files]) => ({ sha1, size: (files[0] as SharedFile).size }));

  const server = createRequestServer({ client, cache, name, maxUploads, state, send, announce, log });

  const rescan = async () => {
    const next = await indexDirectory(dir, cache);
    const added = [...next.byHash].filter(([sha1]) => !state.index.byHash.has(sha1));
    const gone = [...state.index.byHash.keys()].filter((sha1) => !next.byHash.has(sha1));
    state.index = next;
    if (added.length === 0 && gone.length === 0) return;
    for (let at = 0; at < gone.length; at += announceBatchSize) {
      send({ type: 'withdraw', sha1s: gone.slice(at, at + announceBatchSize) });
    }
    announce(
      added.map(([sha1, files]) => ({ sha1, size: (files[0] as SharedFile).size })),
      false,
    );
    log(`rescanned: ${added.length} new, ${gone.length} gone; ${describeIndex(state.index)}`);
  };
  let rescanning = false;
  const rescanTimer = setInterval(() => {
    if (rescanning) return;
    rescanning = true;
    rescan()
      .catch((err: unknown) => log(`rescan failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        rescanning = false;
      });
  }, options.rescanMs ?? 300_000);

  /** One connection, until it closes: resolves whether it got as far as `ready`. */
  const connectOnce = () =>
    new Promise<boolean>((resolvePromise, reject) => {
      const url = connectUrl(client, name);
      const headers: Record<string, string> = {};
      if (client.connection.token !== undefined) headers.authorization = `Bearer ${client.connection.token}`;
      const ws = new WebSocket(url, { headers, handshakeTimeout: 10_000, maxPayload: 1 << 20 });
      socket = ws;
      ready = false;
      let heardAt = Date.now();
      let wasReady = false;
      let fatal: Error | undefined;
      const pinger = setInterval(() => {
        // Nothing at all (not even a pong) for two and a half intervals: the connection is dead.
        if (Date.now() - heardAt > pingMs * 2.5) ws.terminate();
        else send({ type: 'ping' });
      }, pingMs);
      const stop = () => ws.close(1000, 'stopped');
      signal?.addEventListener('abort', stop, { once: true });

      ws.on('unexpected-response', (_request, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const error = refusal(status, Buffer.concat(chunks).toString('utf8'), url);
          // Credentials, rights and names do not get better by retrying.
          if (status >= 400 && status < 500 && status !== 408 && status !== 429) fatal = error;
          else log(`connection refused: ${error.message}`);
          ws.terminate();
        });
      });
      ws.on('message', (data, isBinary) => {
        heardAt = Date.now();
        const parsed = isBinary ? undefined : parseZoneMessage(data.toString());
        if (parsed === undefined) return log('ignored a message the zone sent: not of the share protocol');
        switch (parsed.type) {
          case 'ready':
            ready = true;
            wasReady = true;
            announce(listing(), true);
            log(
              `connected to ${client.baseUrl} as "${parsed.name}" (zone "${parsed.zone}", owner "${parsed.owner}"); announced ${state.index.byHash.size} files`,
            );
            return;
          case 'upload':
            return server.ask(parsed.requestId, parsed.sha1, parsed.size);
          case 'error':
            return log(`the zone says: ${parsed.message}`);
          case 'pong':
            return;
        }
      });
      ws.on('error', (err) => {
        if (!fatal) log(`connection failed: ${err.message}`);
      });
      ws.on('close', (code, reason) => {
        clearInterval(pinger);
        signal?.removeEventListener('abort', stop);
        ready = false;
        if (code === shareCloseCodes.replaced) {
          fatal = new FigurlError(
            'CONFLICT',
            `another "figurl share --name ${name}" connected to the zone and took over`,
          );
        }
        if (fatal) return reject(fatal);
        if (wasReady && !signal?.aborted) log(`disconnected (${code}${reason.length > 0 ? ` ${reason}` : ''})`);
        resolvePromise(wasReady);
      });
    });

  try {
    let delay = retry.min;
    while (!signal?.aborted) {
      const wasReady = await connectOnce();
      if (signal?.aborted) break;
      if (wasReady) delay = retry.min;
      log(`reconnecting in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay, signal);
      delay = Math.min(delay * 2, retry.max);
    }
    log('stopped');
  } finally {
    clearInterval(rescanTimer);
    socket?.terminate();
  }
}

function connectUrl(client: ZoneClient, name: string): URL {
  const url = new URL('api/v1/edge/connect', client.connection.baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const zone = client.connection.zone;
  if (zone !== undefined && zone !== 'default') url.searchParams.set('zone', zone);
  url.searchParams.set('name', name);
  return url;
}

function parseZoneMessage(text: string) {
  try {
    const parsed = shareZoneMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The zone's error answer to the upgrade, as the FigurlError its body describes. */
function refusal(status: number, body: string, url: URL): FigurlError {
  try {
    return fromErrorBody(JSON.parse(body), status);
  } catch {
    const where = `${url.origin}${url.pathname}`;
    return new FigurlError('UNAVAILABLE', `connecting to ${where} answered HTTP ${status}: expected a WebSocket`);
  }
}

function describeIndex(index: DirectoryIndex): string {
  const count = index.byHash.size;
  return `${count} ${count === 1 ? 'file' : 'distinct files'}, ${(index.bytes / 1e6).toFixed(1)} MB`;
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(2)} s`;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolveSleep) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolveSleep();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
