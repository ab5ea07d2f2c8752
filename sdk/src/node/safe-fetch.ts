import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { type RequestOptions as HttpsRequestOptions, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { concatBytes } from '../bytes/concat-bytes.js';
import { FigurlError, quote } from '../errors/index.js';
import { describeUrl } from '../zone-client/describe-url.js';
import { checkFetchTarget, type FetchPolicy, parseAllowedHost, parseFetchUrl } from './check-fetch-target.js';
import type { OnTransferProgress } from './transfer-progress.js';

/** Resolves a host name to every address it has, as `dns.promises.lookup(name, { all: true })`. */
export type SafeFetchLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

export interface SafeFetchOptions {
  /** `HEAD` to ask whether something exists without reading it. Default `GET`. */
  method?: 'GET' | 'HEAD';
  /**
   * Sent with the request. Nothing is sent by default: no cookie, no authorization. An
   * `authorization`, `cookie` or `proxy-authorization` given here is dropped once a redirect
   * leaves the URL's origin; `host` always comes from the URL.
   */
  headers?: Record<string, string>;
  /** The most body bytes accepted; more fails with PAYLOAD_TOO_LARGE. Default 64 MiB. */
  maxBytes?: number;
  /** For the whole fetch, redirects and body included; then UNAVAILABLE. Default 15 s. */
  timeoutMs?: number;
  /** Aborts the fetch; it then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Default 5. */
  maxRedirects?: number;
  /** Ports allowed besides 80 and 443, on public hosts. */
  allowPorts?: readonly number[];
  /**
   * Escape hatch: `host` or `host:port` entries (`127.0.0.1:8080`, `[::1]:3000`,
   * `figures.internal`) whose addresses are not checked, for an embedded deployment or a test
   * server on loopback. A `host:port` entry also allows its port; a bare `host` only 80, 443 and
   * `allowPorts`. Each redirect hop is matched on its own. Nothing is allowed by default.
   */
  allowHosts?: readonly string[];
  /** Name resolution; default the system resolver (`dns.lookup`). Tests map names with it. */
  lookup?: SafeFetchLookup;
  /** Certificates trusted for https instead of Node's bundled ones (a private CA, a test). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Called as body bytes arrive, with the Content-Length as total when there is one. */
  onProgress?: OnTransferProgress;
}

export interface SafeFetchResponse {
  /** Any status but a followed redirect: a 404 is an answer, not an error. */
  status: number;
  headers: Headers;
  /** As sent (no content decoding; no Accept-Encoding is sent); empty for HEAD. */
  body: Uint8Array;
  /** The URL that answered, after redirects. */
  url: string;
}

const defaults = { maxBytes: 64 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 };
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const originBoundHeaders = ['authorization', 'cookie', 'proxy-authorization'];

/**
 * Fetches a user-supplied `http(s)://` URL from the server without letting it reach the
 * server's own network: loopback, private, link-local (cloud metadata), CGNAT, multicast and
 * reserved addresses are refused, including IPv6 forms that carry one and names that resolve to
 * one (every address of a name must be public, and the connection goes to the addresses that
 * were checked, so a second DNS answer cannot swap in another). Redirects are followed by hand
 * and each hop is checked again; https never redirects to http. A refusal is FORBIDDEN (or
 * INVALID_URI for a URL that is not http(s) or carries credentials), quoting the URL and the
 * reason; a body over `maxBytes` is PAYLOAD_TOO_LARGE; a network failure or timeout UNAVAILABLE.
 *
 * @example
 * const { status, body } = await safeFetch('https://example.org/figure.json', { maxBytes: 1 << 20 });
 * await safeFetch('http://10.0.0.1/x'); // FORBIDDEN: refused to fetch "http://10.0.0.1/x": 10.0.0.1 is a private address; …
 */
export async function safeFetch(url: string, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  const policy: FetchPolicy = {
    allowPorts: new Set(options.allowPorts ?? []),
    allowHosts: (options.allowHosts ?? []).map(parseAllowedHost),
    lookup: options.lookup ?? ((hostname) => dnsLookup(hostname, { all: true })),
  };
  const maxRedirects = options.maxRedirects ?? defaults.maxRedirects;
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  let current = parseFetchUrl(url, undefined, (shown) => `fetch ${shown}`);
  // As given (`http://2130706433/`, not the normalized `http://127.0.0.1/`), query hidden.
  const shownUrl = quote(current.search === '' && current.hash === '' ? url : `${url.replace(/[?#].*$/s, '')}?…`);
  const deadline = startDeadline(timeoutMs, options.signal, `could not fetch ${shownUrl}`);
  const headers = toRequestHeaders(options.headers ?? {});
  let context = `fetch ${shownUrl}`;
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await checkFetchTarget(current, policy, context, deadline.signal);
      const exchange = openExchange(current, addresses, {
        method: options.method ?? 'GET',
        headers,
        ca: options.ca,
        context,
        signal: deadline.signal,
      });
      try {
        const response = await exchange.response;
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (redirectStatuses.has(status) && location !== undefined) {
          response.destroy();
          const from = current;
          const describeHop = (shown: string) => `follow the redirect from ${quote(describeUrl(from))} to ${shown}`;
          if (hop >= maxRedirects) {
            throw new FigurlError(
              'UNAVAILABLE',
              `could not fetch ${shownUrl}: more than ${maxRedirects} redirects; ` +
                `expected an answer within ${maxRedirects}`,
            );
          }
          current = parseFetchUrl(location, from, describeHop);
          context = describeHop(quote(describeUrl(current)));
          if (from.protocol === 'https:' && current.protocol === 'http:') {
            throw new FigurlError('FORBIDDEN', `refused to ${context}: it leaves https for http; expected https`);
          }
          if (current.origin !== from.origin) for (const name of originBoundHeaders) delete headers[name];
          continue;
        }
        const body = await readBody(response, { ...options, context });
        return { status, headers: toHeaders(response.rawHeaders), body, url: current.href };
      } finally {
        exchange.close();
      }
    }
  } catch (err) {
    // Aborting destroys the socket, which surfaces as whatever error the read was in: report
    // the reason instead (the timeout's FigurlError or the caller's).
    throw deadline.signal.aborted ? deadline.signal.reason : err;
  } finally {
    deadline.dispose();
  }
}

/** One controller for the total time and the caller's signal. */
function startDeadline(timeoutMs: number, outer: AbortSignal | undefined, what: string) {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new FigurlError('UNAVAILABLE', `${what}: no complete answer within ${timeoutMs} ms`));
  }, timeoutMs);
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    },
  };
}

interface ExchangeOptions {
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  ca: SafeFetchOptions['ca'];
  context: string;
  signal: AbortSignal;
}

/**
 * Sends one request to `addresses` only (checked already): node skips `lookup` for an IP
 * literal, and for a name the lookup below hands out nothing else. `agent: false` so that no
 * pooled socket, opened by anyone to wherever that name pointed then, is reused.
 */
function openExchange(url: URL, addresses: readonly LookupAddress[], options: ExchangeOptions) {
  const https = url.protocol === 'https:';
  const requestOptions: HttpsRequestOptions = {
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port === '' ? (https ? 443 : 80) : Number(url.port),
    path: `${url.pathname}${url.search}`,
    method: options.method,
    headers: options.headers,
    agent: false,
    lookup: pinnedLookup(addresses),
  };
  if (https && options.ca !== undefined) requestOptions.ca = options.ca;
  const request = (https ? httpsRequest : httpRequest)(requestOptions);
  const abort = () => request.destroy(options.signal.reason);
  options.signal.addEventListener('abort', abort, { once: true });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    // `on`: the socket may fail again while the body is read, and an unheard 'error' crashes.
    request.on('error', (err) => {
      reject(new FigurlError('UNAVAILABLE', `could not ${options.context}: ${err.message}`, { cause: err }));
    });
  });
  request.end();
  return {
    response,
    close() {
      options.signal.removeEventListener('abort', abort);
      request.destroy();
    },
  };
}

function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    const matching = addresses.filter((a) => family === 0 || a.family === family);
    process.nextTick(() => {
      const first = matching[0];
      if (first === undefined) callback(Object.assign(new Error(`no IPv${family} address`), { code: 'ENOTFOUND' }), '');
      else if (options.all) callback(null, matching);
      else callback(null, first.address, first.family);
    });
  };
}

async function readBody(
  response: IncomingMessage,
  options: SafeFetchOptions & { context: string },
): Promise<Uint8Array> {
  if (options.method === 'HEAD') return new Uint8Array(0);
  const maxBytes = options.maxBytes ?? defaults.maxBytes;
  const length = response.headers['content-length'];
  const total = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
  const tooLarge = (size: string) =>
    new FigurlError(
      'PAYLOAD_TOO_LARGE',
      `could not ${options.context}: the answer ${size}; expected at most ${maxBytes} bytes`,
    );
  if (total !== null && total > maxBytes) throw tooLarge(`announces ${total} bytes`);
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw tooLarge(`runs past ${maxBytes} bytes`);
      chunks.push(chunk);
      options.onProgress?.({ phase: 'download', bytes, total });
    }
  } catch (err) {
    if (err instanceof FigurlError) throw err;
    throw new FigurlError('UNAVAILABLE', `could not ${options.context}: the answer broke off`, { cause: err });
  }
  if (!response.complete) throw new FigurlError('UNAVAILABLE', `could not ${options.context}: the answer broke off`);
  // One copy into a buffer of its own: a Buffer may share its memory with others (the pool).
  return concatBytes(chunks);
}

function toRequestHeaders(given: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    if (name.toLowerCase() !== 'host') headers[name.toLowerCase()] = value;
  }
  return headers;
}

function toHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}
