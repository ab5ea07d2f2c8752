import { type FileHandle, open } from 'node:fs/promises';
import type { ClientRequest } from 'node:http';
import { FigurlError, quote } from '../errors/index.js';
import type { ZoneConnection } from '../zone-client/index.js';
import { parseHttpUrl } from '../zone-client/parse-http-url.js';
import { uploadSizeError } from '../zone-client/to-upload-stream.js';
import { sendNodeRequest } from './node-zone-request.js';
import { fileChunkBytes } from './read-file-chunks.js';

/**
 * One PUT of the file at `path`, exactly `size` bytes, to an upload URL (the zone's or a
 * bucket's) with node:http(s): what `ZoneClient.uploadBytes` does for a file stream, without
 * WHATWG streams. The file is read in 1 MiB chunks into two buffers that take turns (one on the
 * wire while the other fills), so a large upload makes no garbage. A file that turns out shorter
 * or longer than `size` (it changed after it was hashed) fails the upload before its last byte
 * is sent, so the receiver never sees a complete body of the wrong length.
 *
 * @example
 * await uploadFileNode(client.connection, answer.uploadUrl, 'big.bin', size, { onProgress });
 */
export async function uploadFileNode(
  connection: ZoneConnection,
  uploadUrl: string,
  path: string,
  size: number,
  options: { onProgress?: (bytes: number) => void } = {},
): Promise<void> {
  if (!(Number.isSafeInteger(size) && size >= 0)) {
    throw new FigurlError('INVALID_REQUEST', `invalid upload size ${quote(size)}: expected a non-negative integer`);
  }
  const url = parseHttpUrl(uploadUrl, 'upload URL');
  const file = await open(path, 'r');
  try {
    const response = await sendNodeRequest(connection, {
      what: 'upload',
      method: 'PUT',
      url,
      headers: { 'content-length': String(size) },
      writeBody: (request) => sendFile(request, file, size, options.onProgress),
    });
    response.resume();
  } finally {
    await file.close();
  }
}

/** Writes the file's `size` bytes to `request` and ends it; any failure destroys the request. */
async function sendFile(
  request: ClientRequest,
  file: FileHandle,
  size: number,
  onProgress: ((bytes: number) => void) | undefined,
): Promise<void> {
  // A buffer is refilled only once the socket is done with it (its write callback ran).
  const buffers = [Buffer.allocUnsafe(fileChunkBytes), Buffer.allocUnsafe(fileChunkBytes)];
  const written: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()];
  let sent = 0;
  try {
    for (let turn = 0; ; turn = 1 - turn) {
      const buffer = buffers[turn] as Buffer;
      await written[turn];
      const length = await readAt(file, buffer, sent);
      if (length === 0) {
        if (sent !== size) throw uploadSizeError(sent, size, 'ended after');
        break;
      }
      if (sent + length > size) throw uploadSizeError(sent + length, size, 'grew to at least');
      // The last bytes go out only once the file is known to end there.
      if (sent + length === size && (await readAt(file, Buffer.allocUnsafe(1), size)) > 0) {
        throw uploadSizeError(size + 1, size, 'grew to at least');
      }
      written[turn] = write(request, buffer.subarray(0, length));
      sent += length;
      onProgress?.(sent);
    }
    await Promise.all(written);
    await new Promise<void>((resolve) => request.end(resolve));
  } catch (err) {
    request.destroy(err as Error);
    throw err;
  }
}

async function readAt(file: FileHandle, buffer: Buffer, position: number): Promise<number> {
  try {
    return (await file.read(buffer, 0, buffer.length, position)).bytesRead;
  } catch (err) {
    // Tagged so the caller does not mistake a local read error for an unreachable zone.
    const reason = err instanceof Error ? err.message : String(err);
    throw new FigurlError('INTERNAL', `cannot read the bytes to upload: ${reason}`, { cause: err });
  }
}

function write(request: ClientRequest, chunk: Buffer): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    request.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
  // Awaited in turn; a write that fails after the upload already failed is no news.
  done.catch(() => {});
  return done;
}
