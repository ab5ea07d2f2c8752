import { FigurlError, quote } from '@figurl/sdk';
import { safeFetch } from '@figurl/sdk/node';
import { toErrorResponse } from './error-response';
import type { ShellDeps } from './shell-deps';
import { toBytesResponse } from './to-bytes-response';

/** The most a figure may pull through the shell in one answer; larger data belongs in a blob store. */
export const maxProxiedBytes = 64 * 1024 * 1024;
const timeoutMs = 30_000;

/**
 * `GET /api/fetch?url=https://…`: fetches figure data the browser cannot (the other server sends
 * no CORS headers) from this server, through safeFetch: public addresses only (plus
 * `FIGURL_FETCH_ALLOW_HOSTS`), no cookies or credentials sent, at most 64 MiB, 30 s. Answers the
 * bytes with their length; errors are figurl error bodies.
 */
export async function handleFetch(request: Request, deps: Pick<ShellDeps, 'config'>): Promise<Response> {
  try {
    const url = new URL(request.url).searchParams.get('url');
    if (url === null) throw new FigurlError('INVALID_REQUEST', 'expected ?url=https://…');
    const response = await safeFetch(url, {
      maxBytes: maxProxiedBytes,
      timeoutMs,
      allowHosts: deps.config.fetchAllowHosts,
      headers: { accept: '*/*', 'user-agent': 'figurl-shell' },
    });
    if (response.status < 200 || response.status > 299) throw toUpstreamError(url, response.status);
    return toBytesResponse(response.body, { 'cache-control': 'no-store' });
  } catch (err) {
    return toErrorResponse(err);
  }
}

function toUpstreamError(url: string, status: number): FigurlError {
  const shown = quote(url.replace(/[?#].*$/s, ''));
  if (status === 404 || status === 410) {
    return new FigurlError('NOT_FOUND', `${shown} answered HTTP ${status}: the data is not there`);
  }
  if (status === 401 || status === 403) {
    return new FigurlError(
      'FORBIDDEN',
      `${shown} answered HTTP ${status}: it needs credentials, and figurl fetches figure data without any`,
    );
  }
  if (status === 429) return new FigurlError('RATE_LIMITED', `${shown} answered HTTP 429: try again later`);
  return new FigurlError('UNAVAILABLE', `${shown} answered HTTP ${status}, expected 200`);
}
