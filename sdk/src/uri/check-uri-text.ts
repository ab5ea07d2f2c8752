import { invalidUri } from './invalid-uri.js';
import { uriLimits } from './uri-limits.js';

// C0 controls, DEL and C1 controls: never legitimate inside a URI, and NUL truncates C strings
// in whatever stores the value next.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;
// A high surrogate not followed by a low one, or a low one without a high one before it. Such
// text cannot be UTF-8 encoded, so it cannot be percent-encoded, hashed or sent anywhere.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The checks every URI form shares: a non-empty string within the size cap, no control
 * characters, no surrounding whitespace, well-formed Unicode. Returns the input, typed.
 *
 * @example
 * const text = checkUriText(input); // throws FigurlError('INVALID_URI', …) otherwise
 */
export function checkUriText(input: unknown): string {
  if (typeof input !== 'string') throw invalidUri(input, `a string, got ${describeType(input)}`);
  if (input.length === 0) throw invalidUri(input, 'a non-empty URI such as "sha1://<40 hex>"');
  const limit = input.startsWith('data:') ? uriLimits.maxDataUriLength : uriLimits.maxLength;
  if (input.length > limit) throw invalidUri(input, `at most ${limit} characters, got ${input.length}`);
  const control = controlCharacter.exec(input);
  if (control) {
    const code = control[0].charCodeAt(0);
    const name = code === 0 ? 'NUL (U+0000)' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    throw invalidUri(input, `no control characters, found ${name} at index ${control.index}`);
  }
  if (/^\s|\s$/.test(input)) throw invalidUri(input, 'no leading or trailing whitespace');
  if (loneSurrogate.test(input)) throw invalidUri(input, 'well-formed Unicode text (found a lone surrogate)');
  return input;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
