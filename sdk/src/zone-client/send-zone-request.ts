import { FigurlError } from '../errors/index.js';
import { describeUrl } from './describe-url.js';
import { toZoneError, type ZoneCall } from './to-zone-error.js';
import type { ZoneFetch, ZoneRequestInit } from './zone-fetch.js';

const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export interface ZoneConnection {
  /** The zone's base URL; its origin alone receives the token. */
  baseUrl: URL;
  fetch: ZoneFetch;
  token: string | undefined;
  /** The zone name (kachery's KACHERY_ZONE) sent as `?zone=`; omitted for "default". */
  zone: string | undefined;
  /**
   * A GitHub login sent as `x-figurl-acting-for` (to the zone's origin only): the request acts as
   * that user, vouched for by `token`, which needs the scope `delegate` (docs/protocol.md §5).
   */
  actingFor?: string | undefined;
}

/** `url` with the connection's zone in its query (the server's default zone needs none). */
export function inZone(connection: ZoneConnection, url: URL): URL {
  if (connection.zone !== undefined && connection.zone !== 'default') url.searchParams.set('zone', connection.zone);
  return url;
}

export interface ZoneRequest extends ZoneCall {
  headers?: Record<string, string>;
  body?: BodyInit;
  /** GET and HEAD only: a blob download may be sent on to a presigned bucket URL. */
  followRedirects?: boolean;
  /** Aborts the request (a long-poll the caller no longer wants). */
  signal?: AbortSignal;
}

/**
 * Sends one request and returns the 2xx response; anything else becomes a FigurlError naming
 * the call. Redirects are followed by hand so the bearer token goes to the zone's origin only,
 * never to a bucket or any other host a Location header names.
 *
 * @example
 * const response = await sendZoneRequest(connection, { what: 'get blob', method: 'GET', url });
 */
export async function sendZoneRequest(connection: ZoneConnection, request: ZoneRequest): Promise<Response> {
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const call = { ...request, url };
    const response = await fetchOnce(connection, call);
    if (!redirectStatuses.has(response.status)) {
      if (response.ok) return response;
      throw await toZoneError(response, call);
    }
    await response.body?.cancel().catch(() => {});
    const location = response.headers.get('location');
    if (!request.followRedirects || location === null || hop >= maxRedirects) {
      const where = location === null ? 'no Location' : describeUrl(new URL(location, url));
      throw new FigurlError(
        'UNAVAILABLE',
        `${request.what} failed: ${request.method} ${describeUrl(url)} answered HTTP ${response.status} (${where}); ` +
          `expected ${request.followRedirects ? `an answer within ${maxRedirects} redirects` : 'no redirect'}`,
      );
    }
    url = new URL(location, url);
  }
}

async function fetchOnce(connection: ZoneConnection, call: ZoneRequest): Promise<Response> {
  const headers = new Headers(call.headers);
  if (connection.token !== undefined && call.url.origin === connection.baseUrl.origin) {
    headers.set('authorization', `Bearer ${connection.token}`);
  }
  if (connection.actingFor !== undefined && call.url.origin === connection.baseUrl.origin) {
    headers.set('x-figurl-acting-for', connection.actingFor);
  }
  const init: ZoneRequestInit = { method: call.method, headers, redirect: 'manual' };
  if (call.signal !== undefined) init.signal = call.signal;
  if (call.body !== undefined) {
    init.body = call.body;
    if (call.body instanceof ReadableStream) {
      init.duplex = 'half';
      // Node's fetch (undici before nodejs/undici#5456) keeps a copy of every chunk of a streamed
      // body when it may have to follow a redirect: a 1 GiB upload would sit in memory. Uploads
      // are never redirected, so say so, and the body streams through.
      init.redirect = 'error';
      init.window = null;
    }
  }
  // Keep fetch detached: browsers throw "Illegal invocation" when it is called as a method.
  const fetchFn = connection.fetch;
  try {
    const response = await fetchFn(call.url.href, init);
    // Browsers hide manual redirects (an opaque response); their fetch drops the Authorization
    // header on a cross-origin redirect itself, so following there is safe.
    if (response.type === 'opaqueredirect') return await fetchFn(call.url.href, { ...init, redirect: 'follow' });
    return response;
  } catch (err) {
    throw toNetworkError(err, call.url, connection.baseUrl);
  }
}

function toNetworkError(err: unknown, url: URL, baseUrl: URL): Error {
  // A failure raised by our own request body (a size check) arrives wrapped by fetch.
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof FigurlError) return e;
  }
  if (err instanceof Error && err.name === 'AbortError') return err;
  const where = url.origin === baseUrl.origin ? `the zone at ${describeUrl(url)}` : describeUrl(url);
  return new FigurlError('UNAVAILABLE', `cannot reach ${where}: ${networkReason(err)}`, { cause: err });
}

function networkReason(err: unknown): string {
  // Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND) is the cause.
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error && cause.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
