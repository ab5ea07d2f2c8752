import { FigurlError, quote } from '../errors/index.js';
import { inZone, sendZoneRequest, type ZoneConnection } from './send-zone-request.js';

/** Inclusive byte offsets, as in an HTTP `Range: bytes=start-end` header; no `end` means to the end. */
export interface ByteRange {
  start: number;
  end?: number;
}

export interface BlobDownload {
  /** The bytes, streamed; read it to the end or cancel it to free the connection. */
  body: ReadableStream<Uint8Array>;
  /** Bytes in `body` (Content-Length), or null when the server sent none. */
  size: number | null;
  /** Where `body` starts and ends when the server honoured a range (206); null for the whole blob. */
  range: { start: number; end: number; total: number | null } | null;
}

/**
 * `GET /sha1/<hash>` on the zone, following its redirect to a presigned bucket URL (without
 * the token). Hash checking is the caller's job: the bytes arrive as they were sent.
 *
 * @example
 * const { body, size } = await downloadBlob(connection, 'b971c6ef19b1d70ae8f0feb989b106c319b36230');
 */
export async function downloadBlob(
  connection: ZoneConnection,
  sha1: string,
  options: { range?: ByteRange } = {},
): Promise<BlobDownload> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (options.range !== undefined) headers.range = toRangeHeader(options.range);
  const url = inZone(connection, new URL(`sha1/${sha1}`, connection.baseUrl));
  const response = await sendZoneRequest(connection, {
    what: 'download',
    method: 'GET',
    url,
    headers,
    followRedirects: true,
  });
  const length = response.headers.get('content-length');
  const size = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  const range = response.status === 206 ? parseContentRange(response.headers.get('content-range')) : null;
  const body = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  return { body, size, range };
}

function toRangeHeader(range: ByteRange): string {
  const { start, end } = range;
  const valid =
    Number.isSafeInteger(start) && start >= 0 && (end === undefined || (Number.isSafeInteger(end) && end >= start));
  if (!valid) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid byte range ${quote(range)}: expected integers with 0 <= start <= end (end inclusive, optional)`,
    );
  }
  return `bytes=${start}-${end ?? ''}`;
}

function parseContentRange(header: string | null): BlobDownload['range'] {
  const match = header === null ? null : /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header.trim());
  if (!match) {
    throw new FigurlError(
      'INTERNAL',
      `invalid response to download: HTTP 206 with Content-Range ${quote(header)}: expected "bytes <start>-<end>/<total>"`,
    );
  }
  const [, start, end, total] = match;
  return { start: Number(start), end: Number(end), total: total === '*' ? null : Number(total) };
}
