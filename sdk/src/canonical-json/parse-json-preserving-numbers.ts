import { parse } from 'lossless-json';
import { FigurlError } from '../errors/index.js';
import type { CanonicalJsonValue } from './canonical-json.js';
import { PythonFloat } from './python-float.js';

/**
 * Parses JSON text the way Python's `json.loads` would see it, so that `canonicalJson` can
 * reproduce the exact text a Python client signed: numbers written with a fraction or an
 * exponent become `PythonFloat`s, integers beyond 2^53 become bigints, and a duplicate key
 * keeps its last value (as Python does). lossless-json does the parsing; it hands us each
 * number's source text.
 *
 * @example
 * canonicalJson(parseJsonPreservingNumbers('{"t": 1.0}')) // '{"t":1.0}'
 */
export function parseJsonPreservingNumbers(text: string): CanonicalJsonValue {
  try {
    return parse(text, null, { parseNumber, onDuplicateKey: ({ newValue }) => newValue }) as CanonicalJsonValue;
  } catch (err) {
    if (err instanceof FigurlError) throw err;
    const reason = err instanceof RangeError ? 'nesting too deep' : err instanceof Error ? err.message : String(err);
    throw new FigurlError('INVALID_REQUEST', `invalid JSON: ${reason}; expected a JSON document (RFC 8259)`);
  }
}

function parseNumber(lexeme: string): CanonicalJsonValue {
  if (/^-?\d+$/.test(lexeme)) {
    const asNumber = Number(lexeme);
    if (Number.isSafeInteger(asNumber)) return asNumber === 0 ? 0 : asNumber;
    return BigInt(lexeme);
  }
  const asFloat = Number(lexeme);
  if (!Number.isFinite(asFloat)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid JSON number ${lexeme}: expected a value within the range of a double`,
    );
  }
  return new PythonFloat(asFloat);
}
