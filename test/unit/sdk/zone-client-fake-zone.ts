import { createHash, randomUUID } from 'node:crypto';
import { type BlobInfo, findSha1Refs, initiateUploadRequestSchema, sha1ObjectKey, type ZoneFetch } from '@figurl/sdk';

/*
 * An in-memory stand-in for the zone's native API v1, reached through an injected `fetch`
 * (no sockets). It follows the contract in docs/protocol.md §5 and the client brief:
 * POST /api/v1/uploads → 200 exists | 201 upload; PUT <uploadUrl> with Content-Length;
 * POST /api/v1/uploads/:id/finalize → 200 {blob, created} or 422 HASH_MISMATCH after a re-hash;
 * GET /api/v1/blobs/:sha1 → 200 blob | 404; GET /sha1/:sha1 with Range, optionally answered by
 * a 302 to a presigned bucket URL on another origin. Errors are {statusCode, code, error, message}.
 */

export interface RecordedRequest {
  method: string;
  url: string;
  authorization: string | null;
  headers: Headers;
}

export interface FakeZoneOptions {
  baseUrl?: string;
  /** Where upload URLs point; default the zone itself. */
  uploadOrigin?: string;
  /** Answer GET /sha1/:sha1 with a 302 to this origin (a "bucket") instead of the bytes. */
  bucketOrigin?: string;
  /** Refuse zone requests without `Authorization: Bearer <token>`. */
  token?: string;
  /** Serve downloads in chunks of this size, with `chunkDelayMs` between them. */
  chunkSize?: number;
  chunkDelayMs?: number;
}

export interface FakeZone {
  fetch: ZoneFetch;
  baseUrl: string;
  requests: RecordedRequest[];
  /** What GET /sha1/:sha1 serves; a test may overwrite an entry to serve corrupt bytes. */
  bytes: Map<string, Uint8Array>;
  info: Map<string, BlobInfo>;
  /** Puts a blob straight into the zone; returns its sha1. */
  put(content: Uint8Array | string): string;
}

export function createFakeZone(options: FakeZoneOptions = {}): FakeZone {
  const baseUrl = options.baseUrl ?? 'http://zone.test:4100';
  const zoneOrigin = new URL(baseUrl).origin;
  const uploadOrigin = options.uploadOrigin ?? zoneOrigin;
  const bytes = new Map<string, Uint8Array>();
  const info = new Map<string, BlobInfo>();
  const pending = new Map<string, { sha1: string; size: number; staged?: Uint8Array }>();
  const requests: RecordedRequest[] = [];

  const put = (content: Uint8Array | string) => {
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const sha1 = hex('sha1', data);
    bytes.set(sha1, data);
    info.set(sha1, { sha1, sha256: hex('sha256', data), size: data.byteLength, createdAt: new Date().toISOString() });
    return sha1;
  };

  const fetch: ZoneFetch = async (input, init) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    requests.push({ method, url: url.href, authorization: headers.get('authorization'), headers });
    if (url.origin === zoneOrigin && options.token !== undefined) {
      if (headers.get('authorization') !== `Bearer ${options.token}`)
        return error(401, 'UNAUTHORIZED', 'token required');
    }
    const route = `${method} ${url.origin}${url.pathname}`;
    const uploadId = /^\/uploads\/([^/]+)$/.exec(url.pathname)?.[1];
    const finalizeId = /^\/api\/v1\/uploads\/([^/]+)\/finalize$/.exec(url.pathname)?.[1];
    const blobHash = /^\/api\/v1\/blobs\/([^/]+)$/.exec(url.pathname)?.[1];
    const downloadHash = /^\/sha1\/([^/]+)$/.exec(url.pathname)?.[1];

    if (route === `POST ${zoneOrigin}/api/v1/uploads`) {
      const parsed = initiateUploadRequestSchema.safeParse(JSON.parse(String(init.body)));
      if (!parsed.success) return error(400, 'INVALID_REQUEST', `invalid upload request: ${parsed.error.message}`);
      const existing = info.get(parsed.data.sha1);
      if (existing) return json(200, { status: 'exists', blob: existing });
      const uploadId = randomUUID();
      pending.set(uploadId, { ...parsed.data });
      const uploadUrl = `${uploadOrigin}/uploads/${uploadId}?signature=s3cr3t`;
      return json(201, {
        status: 'upload',
        uploadId,
        uploadUrl,
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      });
    }
    if (method === 'PUT' && url.origin === uploadOrigin && uploadId !== undefined) {
      const upload = pending.get(uploadId);
      if (!upload) return error(404, 'NOT_FOUND', 'no such upload');
      const body = new Uint8Array(await new Response(init.body as BodyInit).arrayBuffer());
      if (headers.get('content-length') !== String(body.byteLength) || body.byteLength !== upload.size) {
        return error(400, 'INVALID_REQUEST', `expected ${upload.size} bytes, got ${body.byteLength}`);
      }
      upload.staged = body;
      return new Response(null, { status: 200 });
    }
    if (method === 'POST' && finalizeId !== undefined) {
      const upload = pending.get(decodeURIComponent(finalizeId));
      if (!upload?.staged) return error(404, 'NOT_FOUND', 'no such upload');
      const got = hex('sha1', upload.staged);
      if (got !== upload.sha1) return error(422, 'HASH_MISMATCH', `expected sha1 "${upload.sha1}", got "${got}"`);
      const created = !info.has(got);
      if (created) put(upload.staged);
      return json(200, { blob: info.get(got), created });
    }
    if (method === 'GET' && blobHash !== undefined) {
      const blob = info.get(blobHash);
      return blob ? json(200, blob) : error(404, 'NOT_FOUND', `blob "${blobHash}" not found`);
    }
    if (method === 'GET' && url.origin === zoneOrigin && downloadHash !== undefined) {
      const sha1 = downloadHash;
      if (!bytes.has(sha1)) return error(404, 'NOT_FOUND', `blob "${sha1}" not found`);
      if (options.bucketOrigin === undefined) return serve(bytes.get(sha1) as Uint8Array, headers, options);
      const location = `${options.bucketOrigin}/${sha1ObjectKey(sha1)}?X-Amz-Signature=abc`;
      return new Response(null, { status: 302, headers: { location } });
    }
    if (method === 'GET' && url.origin === options.bucketOrigin && url.pathname.startsWith('/sha1/')) {
      const data = bytes.get(url.pathname.split('/').pop() ?? '');
      return data
        ? serve(data, headers, options)
        : new Response('<Error><Code>NoSuchKey</Code></Error>', { status: 404 });
    }
    return error(404, 'NOT_FOUND', `route ${method} ${url.pathname} not found`);
  };

  return { fetch, baseUrl, requests, bytes, info, put };
}

/** A figure registration the fake registry received. */
export interface Registration {
  body: Record<string, unknown>;
  /** The `zone` query of the request. */
  zone: string | null;
  /** The blobs the zone held when it arrived. */
  storedBefore: Set<string>;
}

/**
 * The fake zone (uploads, blobs) plus `POST /api/v1/figures` as docs/protocol.md §6 answers it:
 * a `sha1://` data URI must name a stored blob (404 NOT_FOUND otherwise, "Data must exist"),
 * and 201 `{figure, blobRefs: {count, complete}}`, the figure echoing the request, counts the
 * data and every sha1 URI in it. Each registration is kept (`registered`).
 */
export function createZoneWithRegistry(options: FakeZoneOptions = {}) {
  const zone = createFakeZone(options);
  const registered: Registration[] = [];
  const fetch: ZoneFetch = async (url, init) => {
    if (init.method !== 'POST' || new URL(url).pathname !== '/api/v1/figures') return zone.fetch(url, init);
    const body = JSON.parse(String(init.body)) as Record<string, string>;
    const dataSha1 = /^sha1:\/\/([0-9a-f]{40})/.exec(body.dataUri ?? '')?.[1] ?? null;
    const data = dataSha1 === null ? undefined : zone.bytes.get(dataSha1);
    if (dataSha1 !== null && data === undefined) {
      return error(
        404,
        'NOT_FOUND',
        `no blob sha1://${dataSha1} in this zone: expected the figure data to be stored first`,
      );
    }
    const zoneName = new URL(url).searchParams.get('zone');
    registered.push({ body, zone: zoneName, storedBefore: new Set(zone.bytes.keys()) });
    const refs = data === undefined ? [] : findSha1Refs(JSON.parse(new TextDecoder().decode(data)));
    const figure = {
      id: randomUUID(),
      zone: zoneName ?? 'default',
      viewUri: body.viewUri,
      dataUri: body.dataUri,
      dataSha1,
      label: body.label,
      owner: 'anonymous',
      repo: body.repo ?? null,
      pullRequest: body.pullRequest ?? null,
      commitSha: body.commitSha ?? null,
      checkName: null,
      pinned: false,
      private: false,
      allowedUsers: [],
      expiresAt: null,
      createdAt: new Date().toISOString(),
    };
    return json(201, { figure, blobRefs: { count: 1 + refs.length, complete: true } });
  };
  return { ...zone, fetch, registered };
}

/** A blob of the zone as parsed JSON. */
export function blobJson(zone: { bytes: Map<string, Uint8Array> }, uri: string): unknown {
  const bytes = zone.bytes.get(uri.replace(/^sha1:\/\//, ''));
  if (bytes === undefined) throw new Error(`the zone does not hold ${uri}`);
  return JSON.parse(new TextDecoder().decode(bytes));
}

function serve(data: Uint8Array, headers: Headers, options: FakeZoneOptions): Response {
  const range = /^bytes=(\d+)-(\d*)$/.exec(headers.get('range') ?? '');
  let start = 0;
  let end = data.byteLength - 1;
  if (range) {
    start = Number(range[1]);
    end = range[2] ? Math.min(Number(range[2]), end) : end;
    if (start > end) return error(416, 'INVALID_REQUEST', 'range not satisfiable');
  }
  const slice = data.subarray(start, end + 1);
  const responseHeaders: Record<string, string> = { 'content-length': String(slice.byteLength) };
  if (range) responseHeaders['content-range'] = `bytes ${start}-${end}/${data.byteLength}`;
  return new Response(chunked(slice, options.chunkSize ?? 64 * 1024, options.chunkDelayMs ?? 0), {
    status: range ? 206 : 200,
    headers: responseHeaders,
  });
}

function chunked(data: Uint8Array, size: number, delayMs: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    async pull(controller) {
      if (delayMs > 0 && offset > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (offset >= data.byteLength) return controller.close();
      controller.enqueue(data.slice(offset, offset + size));
      offset += size;
    },
  });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function error(statusCode: number, code: string, message: string): Response {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    416: 'Range Not Satisfiable',
    422: 'Unprocessable Entity',
  };
  return json(statusCode, { statusCode, code, error: names[statusCode] ?? 'Error', message });
}

function hex(algorithm: 'sha1' | 'sha256', data: Uint8Array): string {
  return createHash(algorithm).update(data).digest('hex');
}
