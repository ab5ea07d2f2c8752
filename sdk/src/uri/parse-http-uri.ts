import { checkUriText } from './check-uri-text.js';
import type { HttpUri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';

/**
 * Parses an `http://` or `https://` URL with the WHATWG URL parser (what browsers and fetch use)
 * and keeps the text as given, so formatting gives back the same string. The scheme must be
 * written in lowercase with `//`, although the URL parser alone would accept `HTTP:host`.
 *
 * @example
 * parseHttpUri('http://localhost:3000'); // { kind: 'http', url: 'http://localhost:3000' }
 */
export function parseHttpUri(input: unknown): HttpUri {
  const text = checkUriText(input);
  if (!text.startsWith('http://') && !text.startsWith('https://')) {
    throw invalidUri(text, 'an http:// or https:// URL');
  }
  try {
    new URL(text);
  } catch {
    throw invalidUri(text, 'a URL the WHATWG URL parser accepts, with a valid host after "//"');
  }
  return { kind: 'http', url: text };
}
