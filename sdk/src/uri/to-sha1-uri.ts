import { checkSha1Hash } from './check-sha1-hash.js';
import { invalidUri } from './invalid-uri.js';
import { parseSha1Uri } from './parse-sha1-uri.js';
import { quoteLabel } from './quote-label.js';

export interface ToSha1UriOptions {
  /** Display name, URL-quoted as Python's `quote(label)` does. Cosmetic: never used for lookup. */
  label?: string;
}

/**
 * The canonical URI of a blob, as kachery-cloud's `store_file` writes it:
 * `sha1://<hash>` or `sha1://<hash>?label=<quote(label)>`.
 *
 * @example
 * toSha1Uri('b971c6ef19b1d70ae8f0feb989b106c319b36230', { label: 'test content.txt' });
 * // 'sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230?label=test%20content.txt'
 */
export function toSha1Uri(hash: string, options: ToSha1UriOptions = {}): string {
  if (typeof hash !== 'string') throw invalidUri(hash, 'a sha1 hash of 40 lowercase hex characters');
  checkSha1Hash(`sha1://${hash}`, hash, 'after "sha1://"');
  const label = options?.label;
  if (label === undefined) return `sha1://${hash}`;
  if (typeof label !== 'string') throw invalidUri(label, 'a label string');
  const uri = `sha1://${hash}?label=${quoteLabel(label)}`;
  // Never hand out a URI parseUri would refuse (a label can push it past the length cap).
  parseSha1Uri(uri);
  return uri;
}
