import type { z } from 'zod';
import { FigurlError, quote } from '../errors/index.js';
import { parseWith } from '../schemas/parse-with.js';
import { byteSizeSchema } from '../schemas/primitives.js';
import {
  type BlobInfo,
  blobSchema,
  finalizeUploadResponseSchema,
  initiateUploadRequestSchema,
  initiateUploadResponseSchema,
} from '../schemas/zone-api.js';
import { isSha1Hash } from '../uri/is-sha1-hash.js';
import { type BlobDownload, type ByteRange, downloadBlob } from './download-blob.js';
import { parseHttpUrl } from './parse-http-url.js';
import { readZoneJson } from './read-zone-json.js';
import { inZone, sendZoneRequest, type ZoneConnection } from './send-zone-request.js';
import { toUploadStream, type UploadBody } from './to-upload-stream.js';
import type { ZoneFetch } from './zone-fetch.js';

export type InitiateUploadRequest = z.infer<typeof initiateUploadRequestSchema>;
export type InitiateUploadResponse = z.infer<typeof initiateUploadResponseSchema>;
export type FinalizeUploadResponse = z.infer<typeof finalizeUploadResponseSchema>;

export interface ZoneClientOptions {
  /** The zone, e.g. `http://127.0.0.1:4100`; a path prefix (`https://host/zone`) is kept. */
  baseUrl: string;
  fetch: ZoneFetch;
  /** Sent as `Authorization: Bearer <token>` to the zone's origin only. */
  token?: string | undefined;
  /** Which zone of the server (kachery's KACHERY_ZONE); default "default". */
  zone?: string | undefined;
  /**
   * Act for this user (a GitHub login): sent as `x-figurl-acting-for` with a `token` of scope
   * `delegate`, the zone then authorizes and attributes the requests as that user's.
   */
  actingFor?: string | undefined;
}

/** The zone's native API v1 (docs/protocol.md §5). Every method throws FigurlError. */
export interface ZoneClient {
  /** The normalised base URL, always ending in `/`. */
  readonly baseUrl: string;
  /** What the feature clients (`createFeedClient`, …) build on: URL, fetch, token, zone. */
  readonly connection: ZoneConnection;
  /** `POST /api/v1/uploads`: `exists` (nothing to send) or `upload` with a one-shot PUT URL. */
  initiateUpload(request: InitiateUploadRequest): Promise<InitiateUploadResponse>;
  /** One streaming PUT of exactly `size` bytes to an upload URL (the zone's or a bucket's). */
  uploadBytes(
    uploadUrl: string,
    body: UploadBody,
    size: number,
    options?: { onProgress?: (bytes: number) => void },
  ): Promise<void>;
  /** `POST /api/v1/uploads/:uploadId/finalize`: the zone re-hashes; a mismatch is HASH_MISMATCH. */
  finalizeUpload(uploadId: string): Promise<FinalizeUploadResponse>;
  /** `GET /api/v1/blobs/:sha1`, or null when the zone does not hold it. */
  findBlob(sha1: string): Promise<BlobInfo | null>;
  /** `GET /sha1/:sha1` (optionally a range), redirects followed; the bytes are not verified. */
  downloadBlob(sha1: string, options?: { range?: ByteRange }): Promise<BlobDownload>;
}

/**
 * A client of one zone. Pure: the fetch and the token come in as arguments.
 *
 * @example
 * const zone = createZoneClient({ baseUrl: 'http://127.0.0.1:4100', fetch });
 * const answer = await zone.initiateUpload({ sha1, size });
 * if (answer.status === 'upload') {
 *   await zone.uploadBytes(answer.uploadUrl, bytes, size);
 *   await zone.finalizeUpload(answer.uploadId);
 * }
 */
export function createZoneClient(options: ZoneClientOptions): ZoneClient {
  const baseUrl = parseBaseUrl(options.baseUrl);
  const token = options.token === '' ? undefined : options.token;
  const connection: ZoneConnection = {
    baseUrl,
    fetch: options.fetch,
    token,
    zone: options.zone,
    ...(options.actingFor === undefined ? {} : { actingFor: options.actingFor }),
  };
  const json = { accept: 'application/json', 'content-type': 'application/json' };

  return {
    baseUrl: baseUrl.href,
    connection,

    async initiateUpload(request) {
      const body = parseWith(initiateUploadRequestSchema, request, 'initiate upload request');
      const call = {
        what: 'initiate upload',
        method: 'POST',
        url: inZone(connection, new URL('api/v1/uploads', baseUrl)),
      };
      const response = await sendZoneRequest(connection, { ...call, headers: json, body: JSON.stringify(body) });
      return readZoneJson(response, initiateUploadResponseSchema, call);
    },

    async uploadBytes(uploadUrl, body, size, uploadOptions = {}) {
      parseWith(byteSizeSchema, size, 'upload size');
      const url = parseHttpUrl(uploadUrl, 'upload URL');
      if (body instanceof Uint8Array && body.byteLength !== size) {
        throw new FigurlError('INVALID_REQUEST', `upload body has ${body.byteLength} bytes: expected exactly ${size}`);
      }
      // Bytes in memory go as they are: browsers stream request bodies only over HTTP/2.
      const sent = body instanceof Uint8Array ? body : toUploadStream(body, size, uploadOptions.onProgress);
      const headers = { 'content-length': String(size) };
      const response = await sendZoneRequest(connection, {
        what: 'upload',
        method: 'PUT',
        url,
        headers,
        // lib.dom types BodyInit views as ArrayBuffer-backed only; fetch accepts any Uint8Array.
        body: sent as BodyInit,
      });
      await response.body?.cancel().catch(() => {});
      if (body instanceof Uint8Array) uploadOptions.onProgress?.(size);
    },

    async finalizeUpload(uploadId) {
      const path = `api/v1/uploads/${encodeURIComponent(uploadId)}/finalize`;
      const call = { what: 'finalize upload', method: 'POST', url: new URL(path, baseUrl) };
      const response = await sendZoneRequest(connection, { ...call, headers: json, body: '{}' });
      return readZoneJson(response, finalizeUploadResponseSchema, call);
    },

    async findBlob(sha1) {
      const call = {
        what: 'get blob',
        method: 'GET',
        url: inZone(connection, new URL(`api/v1/blobs/${checkHash(sha1)}`, baseUrl)),
      };
      try {
        const response = await sendZoneRequest(connection, { ...call, headers: { accept: 'application/json' } });
        return await readZoneJson(response, blobSchema, call);
      } catch (err) {
        if (err instanceof FigurlError && err.code === 'NOT_FOUND') return null;
        throw err;
      }
    },

    downloadBlob(sha1, downloadOptions = {}) {
      return downloadBlob(connection, checkHash(sha1), downloadOptions);
    },
  };
}

function parseBaseUrl(text: string): URL {
  const url = parseHttpUrl(text, 'zone URL');
  // A trailing slash makes relative resolution keep a path prefix (`https://host/zone/`).
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  url.search = '';
  url.hash = '';
  return url;
}

function checkHash(sha1: string): string {
  if (isSha1Hash(sha1)) return sha1;
  throw new FigurlError('INVALID_REQUEST', `invalid sha1 hash ${quote(sha1)}: expected 40 lowercase hex characters`);
}
