import { FigurlError, quote } from '../errors/index.js';
import { isSha1Hash } from '../uri/is-sha1-hash.js';

/**
 * The bucket key of a blob, in the layout shared by kachery zones and the local cache:
 * `sha1/aa/bb/cc/<hash>` where aa, bb, cc are the hash's first three byte pairs.
 *
 * @example
 * sha1ObjectKey('b971c6ef19b1d70ae8f0feb989b106c319b36230')
 * // 'sha1/b9/71/c6/b971c6ef19b1d70ae8f0feb989b106c319b36230'
 */
export function sha1ObjectKey(hash: string, prefix = ''): string {
  if (!isSha1Hash(hash)) {
    throw new FigurlError('INVALID_REQUEST', `invalid sha1 hash ${quote(hash)}: expected 40 lowercase hex characters`);
  }
  const key = `sha1/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash.slice(4, 6)}/${hash}`;
  return prefix ? `${prefix.replace(/\/+$/, '')}/${key}` : key;
}
