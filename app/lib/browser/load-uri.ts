import {
  concatBytes,
  decodeDataUri,
  FigurlError,
  type LoadOptions,
  parseUri,
  readStreamChunks,
  type ZenodoUri,
} from '@figurl/sdk';
import { blobUrl } from '../blob-url';

export interface BrowserLoaderOptions {
  zoneUrl: string;
  /** The figURL's `zone`, passed to the zone with sha1 reads. */
  zone: string | undefined;
  fetch?: typeof fetch;
}

/**
 * How the figure page reads a URI in the browser: sha1/kachery blobs straight from the zone,
 * `gh://` through the shell's server (the user's token never reaches the browser), web and
 * Zenodo URLs directly, falling back to the shell's guarded server-side fetch when the browser
 * may not read them (CORS). Web URLs are read without the user's cookies, as the server-side
 * fetch does: a figure naming the shell's own API (`/api/github/contents?uri=…`) as an http URI
 * must not get it answered with the viewer's session. The host verifies hashes; this only fetches.
 */
export function createBrowserLoader(options: BrowserLoaderOptions) {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);

  const load = async (uri: string, loadOptions: LoadOptions): Promise<Uint8Array> => {
    if (uri.startsWith('data:')) return slice(decodeDataUri(uri), loadOptions);
    const parsed = parseUri(uri);
    switch (parsed.kind) {
      case 'sha1':
      case 'kachery':
        return fetchBytes(fetchFn, blobUrl(options.zoneUrl, parsed.hash, options.zone), uri, loadOptions);
      case 'gh':
        return slice(
          await fetchBytes(fetchFn, `/api/github/contents?uri=${encodeURIComponent(uri)}`, uri, {
            ...loadOptions,
            startByte: undefined,
            endByte: undefined,
          }),
          loadOptions,
        );
      case 'http':
        return fetchWithFallback(fetchFn, uri, uri, loadOptions);
      case 'zenodo':
        return fetchWithFallback(fetchFn, zenodoContentUrl(parsed), uri, loadOptions);
      default:
        throw new FigurlError(
          'INVALID_URI',
          `cannot load ${JSON.stringify(uri)}: ${parsed.kind} URIs name plugins, not data`,
        );
    }
  };

  const fileDataUrl = async (uri: string): Promise<string> => {
    if (uri.startsWith('data:')) return uri;
    const parsed = parseUri(uri);
    if (parsed.kind === 'sha1' || parsed.kind === 'kachery') return blobUrl(options.zoneUrl, parsed.hash, options.zone);
    if (parsed.kind === 'http') return uri;
    if (parsed.kind === 'zenodo') return zenodoContentUrl(parsed);
    throw new FigurlError('INVALID_URI', `no direct download URL for ${JSON.stringify(uri)}: use getFileData`);
  };

  return { load, fileDataUrl };
}

/** Zenodo's file download (`/api/records/<id>/files/<path>/content`), on the sandbox for `zenodo-sandbox://`. */
function zenodoContentUrl(uri: ZenodoUri): string {
  const host = uri.sandbox ? 'sandbox.zenodo.org' : 'zenodo.org';
  const path = uri.path.split('/').map(encodeURIComponent).join('/');
  return `https://${host}/api/records/${uri.recordId}/files/${path}/content`;
}

async function fetchWithFallback(fetchFn: typeof fetch, url: string, uri: string, options: LoadOptions) {
  try {
    return await fetchBytes(fetchFn, url, uri, options, 'omit');
  } catch (err) {
    // A TypeError is the browser refusing (CORS) or failing to connect: ask the shell's server.
    if (!(err instanceof TypeError)) throw err;
    return fetchBytes(fetchFn, `/api/fetch?url=${encodeURIComponent(url)}`, uri, options, 'omit');
  }
}

async function fetchBytes(
  fetchFn: typeof fetch,
  url: string,
  uri: string,
  options: LoadOptions,
  credentials: RequestCredentials = 'same-origin',
): Promise<Uint8Array> {
  const ranged = options.startByte !== undefined || options.endByte !== undefined;
  const headers: Record<string, string> = {};
  if (ranged)
    headers.range = `bytes=${options.startByte ?? 0}-${options.endByte === undefined ? '' : options.endByte - 1}`;
  const res = await fetchFn(url, { headers, credentials });
  if (!res.ok) throw await responseError(res, uri);
  // Next drops Content-Length from route-handler answers; the shell's routes repeat it.
  const length = Number(res.headers.get('content-length') ?? res.headers.get('x-figurl-content-length') ?? Number.NaN);
  if (length > options.maxBytes) {
    await res.body?.cancel();
    throw new FigurlError(
      'PAYLOAD_TOO_LARGE',
      `${uri} is ${length} bytes: more than the ${options.maxBytes} this figure may load`,
    );
  }
  const bytes = await readBody(res, uri, Number.isFinite(length) ? length : undefined, options);
  // A server that ignores Range answers 200 with everything: cut out what was asked for.
  return ranged && res.status === 200 ? slice(bytes, options) : bytes;
}

async function readBody(res: Response, uri: string, total: number | undefined, options: LoadOptions) {
  if (res.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  // Stopping early (too large) cancels the stream: readStreamChunks does it.
  for await (const chunk of readStreamChunks(res.body)) {
    loaded += chunk.byteLength;
    if (loaded > options.maxBytes) {
      throw new FigurlError(
        'PAYLOAD_TOO_LARGE',
        `${uri} is more than the ${options.maxBytes} bytes this figure may load`,
      );
    }
    chunks.push(chunk);
    if (total !== undefined) options.onProgress?.(loaded, total);
  }
  return concatBytes(chunks);
}

function slice(bytes: Uint8Array, options: LoadOptions): Uint8Array {
  if (options.startByte === undefined && options.endByte === undefined) return bytes;
  return bytes.subarray(options.startByte ?? 0, options.endByte ?? bytes.byteLength);
}

async function responseError(res: Response, uri: string): Promise<FigurlError> {
  let message = '';
  try {
    const body = (await res.json()) as { message?: unknown };
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not a figurl error body.
  }
  const detail = message === '' ? `HTTP ${res.status}` : message;
  if (res.status === 404) return new FigurlError('NOT_FOUND', `${uri} was not found (${detail})`);
  if (res.status === 401) return new FigurlError('UNAUTHORIZED', `${uri} is private: ${detail}`);
  if (res.status === 403) return new FigurlError('FORBIDDEN', `${uri} is private: ${detail}`);
  if (res.status === 409) return new FigurlError('CONFLICT', `${uri}: ${detail}`);
  if (res.status === 429) return new FigurlError('RATE_LIMITED', `${uri}: ${detail}`);
  return new FigurlError(
    res.status >= 500 ? 'UNAVAILABLE' : 'INVALID_REQUEST',
    `${uri} could not be loaded: ${detail}`,
  );
}
