import { join } from 'node:path';
import { sha1ObjectKey } from '../hash/sha1-object-key.js';

/**
 * Where a blob lives in a local cache: `<cacheDir>/sha1/aa/bb/cc/<hash>`, the kachery-cloud
 * layout, so the Python client and figurl share one cache (`$KACHERY_CLOUD_DIR`).
 *
 * @example
 * toCachePath('/home/me/.kachery-cloud', 'b971c6ef19b1d70ae8f0feb989b106c319b36230');
 * // '/home/me/.kachery-cloud/sha1/b9/71/c6/b971c6ef19b1d70ae8f0feb989b106c319b36230'
 */
export function toCachePath(cacheDir: string, hash: string): string {
  return join(cacheDir, sha1ObjectKey(hash));
}
