import { FigurlError } from '../errors/index.js';
import { PythonFloat } from './python-float.js';
import { pythonFloatRepr } from './python-float-repr.js';

/** A JSON value as canonical JSON accepts it: plain JSON plus Python floats and big integers. */
export type CanonicalJsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PythonFloat
  | readonly CanonicalJsonValue[]
  | { readonly [key: string]: CanonicalJsonValue | undefined };

const maxDepth = 256;

/**
 * Serialises a value exactly as the kachery Python client does before signing:
 * `simplejson.dumps(x, separators=(',', ':'), sort_keys=True, allow_nan=False)` with
 * `ensure_ascii=True`. Keys sort by code point; every character outside 0x20–0x7E is escaped
 * as lowercase `\uXXXX` (astral characters as surrogate pairs); integral JavaScript numbers
 * print as Python ints, `PythonFloat`s and non-integral numbers as Python floats.
 *
 * @example
 * canonicalJson({ b: 1, a: 'é' }) // '{"a":"\\u00e9","b":1}'
 */
export function canonicalJson(value: CanonicalJsonValue): string {
  const parts: string[] = [];
  write(value, parts, '$', 0);
  return parts.join('');
}

function write(value: unknown, out: string[], path: string, depth: number): void {
  if (depth > maxDepth) fail(path, `nesting deeper than ${maxDepth} levels`);
  if (value === null) out.push('null');
  else if (value === true) out.push('true');
  else if (value === false) out.push('false');
  else if (typeof value === 'string') out.push(escapeString(value));
  else if (typeof value === 'bigint') out.push(value.toString());
  else if (typeof value === 'number') out.push(formatNumber(value, path));
  else if (value instanceof PythonFloat) out.push(formatFloat(value.value, path));
  else if (Array.isArray(value)) writeArray(value, out, path, depth);
  else if (isPlainObject(value)) writeObject(value, out, path, depth);
  else fail(path, `a ${describe(value)}`);
}

function writeArray(items: readonly unknown[], out: string[], path: string, depth: number): void {
  out.push('[');
  items.forEach((item, i) => {
    if (i > 0) out.push(',');
    write(item, out, `${path}[${i}]`, depth + 1);
  });
  out.push(']');
}

function writeObject(object: Record<string, unknown>, out: string[], path: string, depth: number): void {
  // Like JSON.stringify, keys whose value is undefined are left out (Python never has them).
  const keys = Object.keys(object)
    .filter((k) => object[k] !== undefined)
    .sort(compareCodePoints);
  out.push('{');
  keys.forEach((key, i) => {
    if (i > 0) out.push(',');
    out.push(escapeString(key), ':');
    write(object[key], out, `${path}.${key}`, depth + 1);
  });
  out.push('}');
}

function formatNumber(value: number, path: string): string {
  // An integral double is an exact integer; BigInt prints all its digits where String()
  // would switch to exponent notation (1e21 and up).
  if (Number.isInteger(value)) return BigInt(value).toString();
  return formatFloat(value, path);
}

function formatFloat(value: number, path: string): string {
  if (!Number.isFinite(value)) fail(path, String(value));
  return pythonFloatRepr(value);
}

/** Python orders str keys by code point; JavaScript's default sort orders UTF-16 code units. */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx - cy;
  }
}

const shortEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

const plainAscii = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** Python's ensure_ascii encoder: escapes every UTF-16 code unit outside 0x20–0x7E. */
function escapeString(text: string): string {
  // Most keys and values are plain printable ASCII: no escaping needed.
  if (plainAscii.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const ch = text[i] as string;
    if (unit >= 0x20 && unit <= 0x7e && ch !== '"' && ch !== '\\') out += ch;
    else out += shortEscapes[ch] ?? `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

function fail(path: string, what: string): never {
  throw new FigurlError(
    'INVALID_REQUEST',
    `cannot encode ${what} at ${path} as canonical JSON: expected null, a boolean, a finite number, a string, an array or a plain object`,
  );
}
