import { FigurlError, quote } from '../errors/index.js';
import type { TypedArrayByDtype } from '../protocol/ndarray.js';

/** The dtypes figurl's Python serializer writes (`serialize_wrapper.py`); no int8, no 64-bit integers. */
export type NdarrayDtype = Exclude<keyof TypedArrayByDtype, 'int8'>;

/** The typed arrays that have one of those dtypes (Uint8ClampedArray is uint8). */
export type EncodableArray = TypedArrayByDtype[NdarrayDtype] | Uint8ClampedArray;

/** An ndarray as figure data carries it: Python's `{_type: 'ndarray', shape, dtype, data_b64}`. */
export type NdarrayJson = {
  _type: 'ndarray';
  shape: number[];
  dtype: NdarrayDtype;
  /** The values, row-major, little-endian, base64. */
  data_b64: string;
};

/** What `allowFloat64` guards, in the words of Python's serializer. */
export const float64Advice =
  'it is usually best to convert to float32 (Float32Array.from(values)), but if you need 64-bit, then use allowFloat64: true';

/**
 * Encodes an array as Python's figurl serializer does (`_serialize` with `compress_npy=False`):
 * `{_type: 'ndarray', shape, dtype, data_b64}`, the values row-major and little-endian whatever
 * the platform. A number list is int32 when every value is an int32, float64 otherwise. float64
 * is refused unless `allowFloat64` (Python's `allow_float64`): float32 halves the data and is
 * what the views draw. `shape` defaults to `[length]`; its sizes must multiply to the length.
 * Runs in browsers and Node (no Buffer).
 *
 * @example
 * encodeNdarray(new Float32Array([0.5, 1.25]));
 * // { _type: 'ndarray', shape: [2], dtype: 'float32', data_b64: 'AAAAPwAAoD8=' }
 * encodeNdarray(new Int16Array([1, 2, 3, 4, 5, 6]), [2, 3]).shape; // [2, 3]
 */
export function encodeNdarray(
  data: EncodableArray | readonly number[],
  shape?: readonly number[],
  options: { allowFloat64?: boolean | undefined } = {},
): NdarrayJson {
  const values = Array.isArray(data) ? fromNumberList(data) : (data as EncodableArray);
  const dtype = dtypeOf(values);
  if (dtype === 'float64' && options.allowFloat64 !== true) {
    throw new FigurlError('INVALID_REQUEST', `cannot encode ${describeArray(data)} as float64: ${float64Advice}`);
  }
  const sizes = checkShape(shape ?? [values.length], values.length);
  return { _type: 'ndarray', shape: sizes, dtype, data_b64: base64(littleEndianBytes(values)) };
}

/** "a Float64Array of 3 values", for messages. */
export function describeArray(values: ArrayLike<number>): string {
  const kind = Array.isArray(values) ? 'number list' : values.constructor.name;
  return `a ${kind} of ${values.length} value${values.length === 1 ? '' : 's'}`;
}

/** The dtype of a typed array, or null for one Python cannot serialize (Int8Array, BigInt64Array…). */
export function findDtype(values: unknown): NdarrayDtype | null {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Float64Array) return 'float64';
  if (values instanceof Int32Array) return 'int32';
  if (values instanceof Uint32Array) return 'uint32';
  if (values instanceof Int16Array) return 'int16';
  if (values instanceof Uint16Array) return 'uint16';
  if (values instanceof Uint8Array || values instanceof Uint8ClampedArray) return 'uint8';
  return null;
}

function dtypeOf(values: EncodableArray): NdarrayDtype {
  const dtype = findDtype(values);
  if (dtype !== null) return dtype;
  throw new FigurlError(
    'INVALID_REQUEST',
    `cannot encode ${quote(Object.prototype.toString.call(values))}: expected a number list or a Float32Array, Float64Array, Int32Array, Uint32Array, Int16Array, Uint16Array or Uint8Array`,
  );
}

function fromNumberList(list: readonly number[]): Int32Array | Float64Array {
  let integers = true;
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (typeof value !== 'number') {
      throw new FigurlError('INVALID_REQUEST', `cannot encode ${quote(value)} at index ${i}: expected a number`);
    }
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) integers = false;
  }
  return integers ? Int32Array.from(list) : Float64Array.from(list);
}

function checkShape(shape: readonly number[], length: number): number[] {
  const sizes = Array.isArray(shape) ? shape : [];
  const valid = sizes.length > 0 && sizes.every((n) => Number.isSafeInteger(n) && n >= 0);
  if (!valid || sizes.reduce((a, b) => a * b, 1) !== length) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid ndarray shape ${quote(shape)} for ${length} values: expected sizes whose product is ${length}`,
    );
  }
  return [...sizes];
}

function littleEndianBytes(values: EncodableArray): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const size = values.BYTES_PER_ELEMENT;
  if (size === 1 || new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes;
  // A big-endian platform: the wire is little-endian, as numpy writes it on every machine we know.
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size) {
    for (let j = 0; j < size; j++) swapped[i + j] = bytes[i + size - 1 - j] as number;
  }
  return swapped;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Standard base64 of megabytes of array data: the platform's `Uint8Array#toBase64` where there
 * is one, else a table lookup into ASCII bytes decoded once (several times faster than building
 * a binary string for `btoa`).
 */
function base64(bytes: Uint8Array): string {
  const native = (bytes as Uint8Array & { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  const table = Uint8Array.from(alphabet, (c) => c.charCodeAt(0));
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const at = (i: number) => bytes[i] as number;
  const code = (n: number) => table[n & 63] as number;
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (at(i) << 16) | (at(i + 1) << 8) | at(i + 2);
    out[o++] = code(n >>> 18);
    out[o++] = code(n >>> 12);
    out[o++] = code(n >>> 6);
    out[o++] = code(n);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (at(i) << 16) | (rest === 2 ? at(i + 1) << 8 : 0);
    out[o++] = code(n >>> 18);
    out[o++] = code(n >>> 12);
    out[o++] = rest === 2 ? code(n >>> 6) : 61;
    out[o++] = 61;
  }
  return new TextDecoder().decode(out);
}
