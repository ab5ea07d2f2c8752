import { checkUriText } from './check-uri-text.js';
import type { DataUri } from './figurl-uri.js';
import { invalidUri } from './invalid-uri.js';

const shape = 'data:[<mediatype>][;base64],<data>';
// RFC 7230 token characters; RFC 2397 values are URL-escaped, and `%` is a token character.
const token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const typePattern = new RegExp(`^${token}/${token}$`);
const parameterPattern = new RegExp(`^${token}=${token}$`);
// Standard alphabet; padding optional, as browsers decode unpadded base64 too.
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Parses an RFC 2397 `data:` URI, the inline form figurl3 accepts for `d`
 * (`data:application/json;base64,…`). The media type and the data stay as written; the data is
 * checked here (base64 alphabet and padding, or well-formed `%XX` escapes) so `decodeDataUri`
 * cannot fail on a parsed URI.
 *
 * @example
 * parseDataUri('data:application/json;base64,e30=');
 * // { kind: 'data', mediaType: 'application/json', base64: true, data: 'e30=' }
 */
export function parseDataUri(input: unknown): DataUri {
  const text = checkUriText(input);
  if (!text.startsWith('data:')) throw invalidUri(text, `a data URI of the form ${shape}`);
  const comma = text.indexOf(',');
  if (comma < 0) throw invalidUri(text, `a data URI of the form ${shape} (no "," before the data)`);
  const header = text.slice('data:'.length, comma);
  const base64 = header.endsWith(';base64');
  const mediaType = base64 ? header.slice(0, -';base64'.length) : header;
  checkMediaType(text, mediaType);
  const data = text.slice(comma + 1);
  if (base64) checkBase64(text, data);
  else checkPercentEscapes(text, data);
  return { kind: 'data', mediaType, base64, data };
}

function checkMediaType(text: string, mediaType: string): void {
  if (mediaType === '') return;
  const [type = '', ...parameters] = mediaType.split(';');
  // RFC 2397 allows the type to be left out while keeping parameters: `data:;charset=utf-8,…`.
  if (type !== '' && !typePattern.test(type)) {
    throw invalidUri(text, `a media type such as "application/json" in ${shape}, got ${JSON.stringify(type)}`);
  }
  for (const parameter of parameters) {
    if (!parameterPattern.test(parameter)) {
      throw invalidUri(
        text,
        `media type parameters of the form ";name=value" (";base64" only last) in ${shape}, got ${JSON.stringify(`;${parameter}`)}`,
      );
    }
  }
}

function checkBase64(text: string, data: string): void {
  const bad = /[^A-Za-z0-9+/=]/.exec(data);
  if (bad) {
    throw invalidUri(
      text,
      `standard base64 data (A-Z a-z 0-9 + / =), found ${JSON.stringify(bad[0])} at data index ${bad.index}`,
    );
  }
  const padded = data.endsWith('=');
  if (!base64Pattern.test(data) || data.length % 4 === 1 || (padded && data.length % 4 !== 0)) {
    throw invalidUri(text, 'base64 data whose length and "=" padding are consistent');
  }
}

function checkPercentEscapes(text: string, data: string): void {
  const bad = /%(?![0-9A-Fa-f]{2})/.exec(data);
  if (bad) throw invalidUri(text, `"%" followed by two hex digits in the data, at data index ${bad.index}`);
}
