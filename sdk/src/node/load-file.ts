import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toHex } from '../bytes/hex.js';
import { readStreamChunks } from '../bytes/read-stream-chunks.js';
import { FigurlError } from '../errors/index.js';
import type { ZoneClient } from '../zone-client/index.js';
import { createNodeHasher } from './create-node-hasher.js';
import { downloadBlobNode } from './download-blob-node.js';
import { toCachePath } from './to-cache-path.js';
import type { OnTransferProgress } from './transfer-progress.js';
import { usesNodeHttp } from './uses-node-http.js';
import { writeFileChunks } from './write-file-chunks.js';

export interface LoadFileOptions {
  hash: string;
  /** `$KACHERY_CLOUD_DIR`: blobs live in `<cacheDir>/sha1/aa/bb/cc/<hash>`. */
  cacheDir: string;
  onProgress?: OnTransferProgress;
}

export interface LoadedFile {
  /** The verified file in the cache. */
  path: string;
  size: number;
  /** False on a cache hit. */
  downloaded: boolean;
}

/**
 * A blob as a local file: from the cache when there, otherwise downloaded into
 * `<final>.tmp.<rand8>` while hashing and renamed into place only if the SHA-1 matches, so the
 * cache never holds a partial or corrupt file and concurrent loads cannot see one. The bytes
 * travel over node:http(s) when the client uses the platform's fetch (`usesNodeHttp`), else
 * through the client's own fetch.
 *
 * @example
 * const { path } = await loadFile(zone, { hash, cacheDir: '/home/me/.kachery-cloud' });
 */
export async function loadFile(client: ZoneClient, options: LoadFileOptions): Promise<LoadedFile> {
  const { hash, cacheDir, onProgress } = options;
  const finalPath = toCachePath(cacheDir, hash);
  const cached = await stat(finalPath).catch(() => null);
  if (cached?.isFile()) return { path: finalPath, size: cached.size, downloaded: false };

  const download = await openDownload(client, hash);
  await mkdir(dirname(finalPath), { recursive: true });
  const tempPath = `${finalPath}.tmp.${randomBytes(4).toString('hex')}`;
  try {
    const hasher = createNodeHasher('sha1');
    let bytes = 0;
    await writeFileChunks(
      tempPath,
      // The download is read here, so its failures surface through this loop, where they are
      // told apart from the disk's.
      (async function* () {
        try {
          for await (const chunk of download.body) {
            hasher.update(chunk);
            bytes += chunk.byteLength;
            onProgress?.({ phase: 'download', bytes, total: download.size });
            yield chunk;
          }
        } catch (err) {
          if (err instanceof FigurlError) throw err;
          const reason = err instanceof Error ? err.message : String(err);
          throw new FigurlError(
            'UNAVAILABLE',
            `the download of sha1://${hash} broke off after ${bytes} bytes: ${reason}; nothing was cached`,
            { cause: err },
          );
        }
      })(),
    );
    const got = toHex(hasher.digest());
    if (got !== hash) {
      throw new FigurlError(
        'HASH_MISMATCH',
        `downloaded bytes do not match sha1://${hash}: expected sha1 "${hash}", got "${got}" (${bytes} bytes); nothing was cached`,
      );
    }
    // rename replaces atomically, so a concurrent load of the same hash that finished first is
    // simply overwritten by identical bytes.
    await rename(tempPath, finalPath);
    return { path: finalPath, size: bytes, downloaded: true };
  } catch (err) {
    // A download not read to its end (the disk failed first) still holds its connection.
    download.cancel();
    await rm(tempPath, { force: true });
    throw err;
  }
}

/** The blob's bytes as an async iterable, over node:http(s) or the client's fetch; `cancel` lets go of them. */
async function openDownload(
  client: ZoneClient,
  hash: string,
): Promise<{ body: AsyncIterable<Uint8Array>; size: number | null; cancel(): void }> {
  if (usesNodeHttp(client)) {
    const { body, size } = await downloadBlobNode(client.connection, hash);
    return { body, size, cancel: () => body.destroy() };
  }
  const { body, size } = await client.downloadBlob(hash);
  return { body: readStreamChunks(body), size, cancel: () => void body.cancel().catch(() => {}) };
}
