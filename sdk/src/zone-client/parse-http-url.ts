import { FigurlError, quote } from '../errors/index.js';

/**
 * `text` as an http(s) URL, or INVALID_REQUEST naming `what` and the text.
 *
 * @example
 * parseHttpUrl('ftp://x', 'upload URL'); // throws: invalid upload URL "ftp://x": expected an http:// or https:// URL
 */
export function parseHttpUrl(text: string, what: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new FigurlError('INVALID_REQUEST', `invalid ${what} ${quote(text)}: expected an http:// or https:// URL`);
  }
  return url;
}
