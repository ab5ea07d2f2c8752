import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { FigurlError } from '../../errors/index.js';
import type { ZoneClient } from '../../zone-client/index.js';
import { sha1File } from '../digest-file.js';
import { uploadFileNode } from '../upload-file-node.js';
import { usesNodeHttp } from '../uses-node-http.js';
import type { SharedFile } from './index-directory.js';

/** The file is not what was announced any more; the caller re-announces it. */
export class SharedFileChangedError extends FigurlError {
  constructor(
    readonly file: SharedFile,
    detail: string,
  ) {
    super('CONFLICT', `file changed since it was announced (${detail}): not sent under sha1://${file.sha1}`);
  }
}

/**
 * Sends an announced file to the zone through the normal verified upload (initiate, one PUT,
 * finalize, which re-hashes on the zone), after checking that it is still what was announced:
 * same size and mtime, then the same SHA-1 (read in full, so a changed file sends no byte).
 * `onProgress` gets the bytes sent. Resolves `false` when the zone held the blob already.
 *
 * @example
 * await uploadSharedFile(client, file, { onProgress: (bytes) => report(bytes) });
 */
export async function uploadSharedFile(
  client: ZoneClient,
  file: SharedFile,
  options: { onProgress?: (bytes: number) => void } = {},
): Promise<boolean> {
  const info = await stat(file.path).catch(() => null);
  if (info === null || !info.isFile()) throw new SharedFileChangedError(file, 'it is gone');
  if (info.size !== file.size || info.mtimeMs !== file.mtimeMs) {
    throw new SharedFileChangedError(file, `now ${info.size} bytes, modified ${info.mtime.toISOString()}`);
  }
  const { sha1 } = await sha1File(file.path);
  if (sha1 !== file.sha1) throw new SharedFileChangedError(file, `its content hashes to ${sha1} now`);

  const answer = await client.initiateUpload({ sha1, size: file.size });
  if (answer.status === 'exists') return false;
  const progress = options.onProgress === undefined ? {} : { onProgress: options.onProgress };
  if (usesNodeHttp(client)) await uploadFileNode(client.connection, answer.uploadUrl, file.path, file.size, progress);
  else {
    const body = createReadStream(file.path, { highWaterMark: 1 << 20 });
    await client.uploadBytes(answer.uploadUrl, body, file.size, progress);
  }
  // The zone re-hashes what it received: bytes changed after the check above are refused here.
  await client.finalizeUpload(answer.uploadId);
  return true;
}
