import { FigurlError, quote } from '../errors/index.js';

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

interface EncodedNdarray {
  _type: 'ndarray';
  shape: number[];
  dtype: string;
  data_b64?: string;
  data_gzip_b64?: string;
}

/**
 * Replaces every `{_type:'ndarray', shape, dtype, data_b64 | data_gzip_b64}` inside `value` by
 * nested JavaScript arrays of numbers following `shape`, as the legacy protocol's shell does
 * (figurl3 `deserializeReturnValue.ts`). `data_gzip_b64` is zlib-compressed (Python's default);
 * it is inflated with the platform's DecompressionStream. Returns a new value; the input is
 * not changed. A malformed array is an error naming what is wrong, never silently zero-filled.
 *
 * @example
 * await deserializeNdarrays({ x: { _type: 'ndarray', shape: [2], dtype: 'uint8', data_b64: 'AQI=' } });
 * // { x: [1, 2] }
 */
export async function deserializeNdarrays(value: unknown): Promise<unknown> {
  // One synchronous copy of the tree; each ndarray found is decoded concurrently and put in its
  // place, so a large JSON costs no promise per element.
  const decodes: Promise<void>[] = [];
  const visit = (parent: Record<string, unknown> | unknown[], key: string | number) => {
    const node = (parent as Record<string | number, unknown>)[key];
    if (node === null || typeof node !== 'object') return;
    const set = (next: unknown) => {
      (parent as Record<string | number, unknown>)[key] = next;
    };
    if (Array.isArray(node)) {
      const copy = node.slice();
      set(copy);
      for (let i = 0; i < copy.length; i++) visit(copy, i);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record._type === 'ndarray') {
      decodes.push(decodeNdarray(record).then(set));
      return;
    }
    const copy = { ...record };
    set(copy);
    for (const child of Object.keys(copy)) visit(copy, child);
  };
  const root: Record<string, unknown> = { value };
  visit(root, 'value');
  await Promise.all(decodes);
  return root.value;
}

/** Whether `value` holds any encoded ndarray (lets callers skip the copy when none). */
export function hasNdarrays(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasNdarrays);
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return record._type === 'ndarray' || Object.values(record).some(hasNdarrays);
}

async function decodeNdarray(record: Record<string, unknown>): Promise<unknown> {
  const array = checkNdarray(record);
  const Ctor = dtypes[array.dtype] as TypedArrayConstructor;
  const compressed = array.data_gzip_b64 !== undefined;
  let bytes = base64ToBytes((compressed ? array.data_gzip_b64 : array.data_b64) as string);
  if (compressed) bytes = await inflateZlib(bytes);
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== count * Ctor.BYTES_PER_ELEMENT) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid ndarray: shape ${quote(array.shape)} of ${array.dtype} needs ${count * Ctor.BYTES_PER_ELEMENT} bytes, the data has ${bytes.byteLength}`,
    );
  }
  // Copied to an aligned buffer: a typed array view needs an offset that is a multiple of its size.
  const aligned = new Uint8Array(bytes.byteLength);
  aligned.set(bytes);
  const flat = new Ctor(aligned.buffer);
  return nest(flat, array.shape, 0, 0);
}

function nest(flat: ArrayLike<number>, shape: number[], axis: number, offset: number): unknown {
  const size = shape[axis] as number;
  if (axis === shape.length - 1) return Array.from({ length: size }, (_, i) => flat[offset + i] as number);
  const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, i) => nest(flat, shape, axis + 1, offset + i * stride));
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
  if (typeof data_b64 !== 'string' && typeof data_gzip_b64 !== 'string') {
    throw new FigurlError('INVALID_REQUEST', 'invalid ndarray: expected data_b64 or data_gzip_b64');
  }
  return record as unknown as EncodedNdarray;
}

function base64ToBytes(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new FigurlError('INVALID_REQUEST', `invalid ndarray data ${quote(text, 40)}: expected base64`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
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
