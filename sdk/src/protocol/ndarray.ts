import { FigurlError, quote } from '../errors/index.js';

/** Each dtype an encoded ndarray may have, and the typed array that holds its values. */
export interface TypedArrayByDtype {
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  float32: Float32Array;
  float64: Float64Array;
}

export type TypedArray = TypedArrayByDtype[keyof TypedArrayByDtype];

type TypedArrayConstructor =
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

/** The dtypes figurl's Python serializer writes (`serialize_wrapper.py`), little-endian. */
const dtypes: Readonly<Record<string, TypedArrayConstructor>> = {
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
};

/**
 * A decoded ndarray: its values in one typed array, row-major (C order), and its shape. Views
 * index `data` directly (`data[i * shape[1] + j]`); nothing is copied into nested arrays.
 */
export class NdArray<T extends TypedArray = TypedArray> {
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly data: T;

  constructor(dtype: string, shape: readonly number[], data: T) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
  }

  get size(): number {
    return this.data.length;
  }
}

/** What an encoded ndarray holds, once checked (`{_type:'ndarray', shape, dtype, data_b64 | data_gzip_b64}`). */
interface EncodedNdarray {
  shape: number[];
  dtype: string;
  base64: string;
  compressed: boolean;
}

export function isEncodedNdarray(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>)._type === 'ndarray'
  );
}

/**
 * Decodes one `{_type:'ndarray', shape, dtype, data_b64 | data_gzip_b64}` (zlib for the gzip
 * form, as Python writes it) into an `NdArray`. A malformed array is an error naming what is
 * wrong, never silently zero-filled.
 *
 * @example
 * const a = await decodeNdarray({ _type: 'ndarray', shape: [2], dtype: 'uint8', data_b64: 'AQI=' });
 * // a.data: Uint8Array [1, 2], a.shape: [2]
 */
export async function decodeNdarray(record: Record<string, unknown>): Promise<NdArray> {
  const array = checkNdarray(record);
  const Ctor = dtypes[array.dtype] as TypedArrayConstructor;
  let bytes = base64ToBytes(array.base64);
  if (array.compressed) bytes = await inflateZlib(bytes);
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== count * Ctor.BYTES_PER_ELEMENT) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid ndarray: shape ${quote(array.shape)} of ${array.dtype} needs ${count * Ctor.BYTES_PER_ELEMENT} bytes, the data has ${bytes.byteLength}`,
    );
  }
  // A typed-array view needs an offset that is a multiple of its element size; decoded bytes
  // start at offset 0 of their own buffer, so they are used in place.
  const data = bytes.byteOffset % Ctor.BYTES_PER_ELEMENT === 0 ? bytes : bytes.slice();
  return new NdArray(array.dtype, array.shape, new Ctor(data.buffer as ArrayBuffer, data.byteOffset, count));
}

/**
 * Replaces, in place, every encoded ndarray inside `value` (a freshly parsed JSON tree the caller
 * owns) by an `NdArray`, and returns the tree (or the `NdArray` when `value` is one). The
 * base64 text of each array becomes garbage as soon as it is decoded, so the peak memory is the
 * parsed tree plus the decoded bytes, never a second copy of the tree.
 *
 * @example
 * const data = await decodeNdarraysInPlace(JSON.parse(text));
 * data.plots[0].spikeTimesSec.data // Float32Array
 */
export async function decodeNdarraysInPlace(value: unknown): Promise<unknown> {
  if (isEncodedNdarray(value)) return decodeNdarray(value);
  const decodes: Promise<void>[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const container = node as Record<string | number, unknown>;
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const key of keys) {
      const child = container[key];
      if (child === null || typeof child !== 'object') continue;
      if (isEncodedNdarray(child)) {
        decodes.push(
          decodeNdarray(child).then((decoded) => {
            container[key] = decoded;
          }),
        );
      } else {
        stack.push(child);
      }
    }
  }
  await Promise.all(decodes);
  return value;
}

function checkNdarray(record: Record<string, unknown>): EncodedNdarray {
  const { shape, dtype, data_b64, data_gzip_b64 } = record;
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0) || shape.length > 32) {
    throw new FigurlError('INVALID_REQUEST', `invalid ndarray shape ${quote(shape)}: expected a list of sizes`);
  }
  if (typeof dtype !== 'string' || !Object.hasOwn(dtypes, dtype)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid ndarray dtype ${quote(dtype)}: expected one of ${Object.keys(dtypes).join(', ')}`,
    );
  }
  if (typeof data_gzip_b64 === 'string') return { shape, dtype, base64: data_gzip_b64, compressed: true };
  if (typeof data_b64 === 'string') return { shape, dtype, base64: data_b64, compressed: false };
  throw new FigurlError('INVALID_REQUEST', 'invalid ndarray: expected data_b64 or data_gzip_b64');
}

const base64Values = (() => {
  const table = new Int16Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
})();

type FromBase64 = (text: string) => Uint8Array;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

/**
 * Standard base64 (padding optional) to bytes. Uses `Uint8Array.fromBase64` where the platform
 * has it; otherwise one table lookup per character, straight into the result (no `atob`
 * binary string in between: that would hold a second copy of the data).
 */
export function base64ToBytes(text: string): Uint8Array {
  if (nativeFromBase64 !== undefined) {
    try {
      return nativeFromBase64(text);
    } catch {
      throw invalidBase64(text);
    }
  }
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  if (text.length - end > 2 || end % 4 === 1) throw invalidBase64(text);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  const table = base64Values;
  let o = 0;
  let i = 0;
  const whole = end - (end % 4);
  for (; i < whole; i += 4) {
    const a = table[text.charCodeAt(i)] as number;
    const b = table[text.charCodeAt(i + 1)] as number;
    const c = table[text.charCodeAt(i + 2)] as number;
    const d = table[text.charCodeAt(i + 3)] as number;
    if ((a | b | c | d) < 0) throw invalidBase64(text);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  const rest = end - i;
  if (rest > 0) {
    const a = table[text.charCodeAt(i)] as number;
    const b = table[text.charCodeAt(i + 1)] as number;
    const c = rest === 3 ? (table[text.charCodeAt(i + 2)] as number) : 0;
    if ((a | b | c) < 0) throw invalidBase64(text);
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    if (rest === 3) out[o++] = (n >> 8) & 255;
  }
  return out;
}

function invalidBase64(text: string): FigurlError {
  return new FigurlError('INVALID_REQUEST', `invalid ndarray data ${quote(text, 40)}: expected base64`);
}

async function inflateZlib(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream('deflate'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (err) {
    throw new FigurlError('INVALID_REQUEST', 'invalid ndarray data_gzip_b64: expected zlib-compressed data', {
      cause: err,
    });
  }
}
