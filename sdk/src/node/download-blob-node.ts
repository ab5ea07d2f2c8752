import type { Readable } from 'node:stream';
import { FigurlError, quote } from '../errors/index.js';
import { isSha1Hash } from '../uri/is-sha1-hash.js';
import type { ZoneConnection } from '../zone-client/index.js';
import { inZone } from '../zone-client/send-zone-request.js';
import { sendNodeRequest } from './node-zone-request.js';

export interface NodeBlobDownload {
  /** The bytes as Node Buffers; read it to the end or destroy it to free the connection. */
  body: Readable & AsyncIterable<Buffer>;
  /** Bytes in `body` (Content-Length), or null when the server sent none. */
  size: number | null;
}

/**
 * `GET /sha1/<hash>` on the zone with node:http(s), following its redirect to a presigned bucket
 * URL (without the token): what `ZoneClient.downloadBlob` does, with Node streams instead of
 * WHATWG ones, which read a large blob ~30% faster in Node. Errors are the zone-client's
 * FigurlErrors (NOT_FOUND for a blob the zone does not hold, …). The bytes are not verified.
 *
 * @example
 * const { body, size } = await downloadBlobNode(client.connection, 'b971c6ef19b1d70ae8f0feb989b106c319b36230');
 */
export async function downloadBlobNode(connection: ZoneConnection, sha1: string): Promise<NodeBlobDownload> {
  if (!isSha1Hash(sha1)) {
    throw new FigurlError('INVALID_REQUEST', `invalid sha1 hash ${quote(sha1)}: expected 40 lowercase hex characters`);
  }
  const url = inZone(connection, new URL(`sha1/${sha1}`, connection.baseUrl));
  const response = await sendNodeRequest(connection, {
    what: 'download',
    method: 'GET',
    url,
    headers: { 'accept-encoding': 'identity' },
    followRedirects: true,
  });
  const length = response.headers['content-length'];
  const size = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
  return { body: response, size };
}
