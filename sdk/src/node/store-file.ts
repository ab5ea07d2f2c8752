import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { FigurlError, quote } from '../errors/index.js';
import type { ZoneClient } from '../zone-client/index.js';
import { sha1File } from './digest-file.js';
import type { OnTransferProgress } from './transfer-progress.js';
import { uploadFileNode } from './upload-file-node.js';
import { usesNodeHttp } from './uses-node-http.js';

export interface StoredFile {
  sha1: string;
  sha256: string;
  size: number;
  /** False when the zone already held these bytes and nothing was sent. */
  uploaded: boolean;
}

/**
 * Stores a file on a zone: hashes it (streamed), asks the zone, and only if the zone lacks it
 * streams it in one PUT and finalizes, which makes the zone re-hash what it received. Memory
 * stays at a chunk or two whatever the file size. The PUT goes over node:http(s) when the
 * client uses the platform's fetch (`usesNodeHttp`), else through the client's own fetch.
 *
 * @example
 * const { sha1 } = await storeFile(zone, 'figure.json');
 * console.log(toSha1Uri(sha1, { label: 'figure.json' }));
 */
export async function storeFile(
  client: ZoneClient,
  path: string,
  options: {
    onProgress?: OnTransferProgress;
    /** Scratch data: the zone's pin of it lapses after this many seconds (1 h – 365 d). */
    expiresInSeconds?: number;
  } = {},
): Promise<StoredFile> {
  const { onProgress, expiresInSeconds } = options;
  const total = await regularFileSize(path);
  // SHA-1 only: the pre-pass is on the critical path, and the zone computes SHA-256 itself.
  const { sha1, size } = await sha1File(path, { onProgress: (bytes) => onProgress?.({ phase: 'hash', bytes, total }) });
  const answer = await client.initiateUpload({
    sha1,
    size,
    ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
  });
  if (answer.status === 'exists') {
    checkBlob(answer.blob.sha1, sha1);
    return { sha1, sha256: answer.blob.sha256, size, uploaded: false };
  }
  // The bytes are read a second time; if the file changed meanwhile, the size check in
  // uploadBytes or the zone's re-hash on finalize refuses them.
  const progress = { onProgress: (bytes: number) => onProgress?.({ phase: 'upload', bytes, total: size }) };
  if (usesNodeHttp(client)) await uploadFileNode(client.connection, answer.uploadUrl, path, size, progress);
  else await client.uploadBytes(answer.uploadUrl, createReadStream(path, { highWaterMark: 1 << 20 }), size, progress);
  const { blob } = await client.finalizeUpload(answer.uploadId);
  checkBlob(blob.sha1, sha1);
  return { sha1, sha256: blob.sha256, size, uploaded: true };
}

async function regularFileSize(path: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FigurlError('NOT_FOUND', `cannot store ${quote(path)}: no such file`);
    }
    throw err;
  }
  if (!info.isFile()) {
    throw new FigurlError('INVALID_REQUEST', `cannot store ${quote(path)}: expected a regular file, not a directory`);
  }
  return info.size;
}

function checkBlob(got: string, expected: string): void {
  if (got !== expected) {
    throw new FigurlError('INTERNAL', `the zone answered for blob ${quote(got)}: expected ${quote(expected)}`);
  }
}
