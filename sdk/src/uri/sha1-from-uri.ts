import type { FigurlUri } from './figurl-uri.js';
import { formatUri } from './format-uri.js';
import { invalidUri } from './invalid-uri.js';
import { parseUri } from './parse-uri.js';

/**
 * The sha1 hash named by any sha1-bearing URI (`sha1://H…`, `kachery:<zone>:sha1:H…`), as text
 * or parsed. A zone treats all of these as the same object, whatever the query, name or label.
 *
 * @example
 * sha1FromUri('sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230/test.txt?manifest=x'); // 'b971…6230'
 * sha1FromUri('kachery::sha1:b971c6ef19b1d70ae8f0feb989b106c319b36230:test.txt');     // 'b971…6230'
 */
export function sha1FromUri(uri: FigurlUri | string): string {
  // A parsed object is re-validated through its text: it may have been built by hand.
  const parsed = parseUri(typeof uri === 'object' && uri !== null ? formatUri(uri) : uri);
  if (parsed.kind === 'sha1' || parsed.kind === 'kachery') return parsed.hash;
  throw invalidUri(uri, 'a sha1:// or kachery:<zone>:sha1: URI', `a ${parsed.kind} URI names no sha1 hash`);
}

/**
 * The sha1 hash a URI names, or undefined for any other URI (a `gh://` file, web data, none at
 * all, an invalid one): what a figure page needs to decide whether a load can be verified.
 *
 * @example
 * findSha1OfUri('sha1://b971c6ef19b1d70ae8f0feb989b106c319b36230?label=x'); // 'b971…6230'
 * findSha1OfUri('gh://octo/lab/main/data.json');                            // undefined
 */
export function findSha1OfUri(uri: string | undefined): string | undefined {
  if (uri === undefined) return undefined;
  try {
    return sha1FromUri(uri);
  } catch {
    return undefined;
  }
}
