import { invalidUri } from './invalid-uri.js';

/**
 * Python's `urllib.parse.quote(label)` (safe `/`): what kachery clients write after `?label=`
 * and after the last `:` of a kachery URI. Unlike `encodeURIComponent` it also escapes
 * `! ' ( ) *` and keeps `/`, so labels written here and by Python compare equal.
 *
 * @example
 * quoteLabel('my figure (v2).json'); // 'my%20figure%20%28v2%29.json'
 * quoteLabel('dir/file.txt');        // 'dir/file.txt'
 */
export function quoteLabel(label: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(label);
  } catch {
    // encodeURIComponent throws URIError on lone surrogates; Python raises UnicodeEncodeError.
    throw invalidUri(label, 'a label of well-formed Unicode text (found a lone surrogate)');
  }
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%2F/g, '/');
}
