import type { DataUri } from './figurl-uri.js';
import { formatUri } from './format-uri.js';
import { parseDataUri } from './parse-data-uri.js';

/**
 * The bytes a `data:` URI carries: base64 decoded, or percent-escapes decoded with every other
 * character taken as UTF-8 (what browsers do). Accepts the URI text or a parsed `DataUri`;
 * anything invalid throws FigurlError('INVALID_URI', …) naming the problem.
 *
 * @example
 * new TextDecoder().decode(decodeDataUri('data:application/json;base64,eyJhIjoxfQ==')); // '{"a":1}'
 * decodeDataUri('data:,a%20b'); // Uint8Array [97, 32, 98]
 */
export function decodeDataUri(uri: DataUri | string): Uint8Array {
  // A parsed object is re-validated through its text: it may have been built by hand.
  const parsed = parseDataUri(typeof uri === 'object' && uri !== null ? formatUri(uri) : uri);
  return parsed.base64 ? decodeBase64(parsed.data) : decodePercent(parsed.data);
}

function decodeBase64(data: string): Uint8Array {
  // parseDataUri has checked alphabet and padding, so atob's forgiving decode cannot throw.
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function decodePercent(data: string): Uint8Array {
  const encoder = new TextEncoder();
  // Each UTF-16 unit yields at most 3 UTF-8 bytes, each "%XX" exactly one.
  const bytes = new Uint8Array(data.length * 3);
  let length = 0;
  let runStart = 0;
  const flush = (end: number) => {
    if (end > runStart) length += encoder.encodeInto(data.slice(runStart, end), bytes.subarray(length)).written;
  };
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== '%') continue;
    flush(i);
    bytes[length++] = Number.parseInt(data.slice(i + 1, i + 3), 16);
    i += 2;
    runStart = i + 1;
  }
  flush(data.length);
  return bytes.slice(0, length);
}
