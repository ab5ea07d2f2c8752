import { decodeNdarray } from './ndarray.js';

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
      decodes.push(decodeNdarray(record).then((array) => set(nest(array.data, array.shape, 0, 0))));
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

function nest(flat: ArrayLike<number>, shape: readonly number[], axis: number, offset: number): unknown {
  const size = shape[axis] as number;
  if (axis === shape.length - 1) return Array.from({ length: size }, (_, i) => flat[offset + i] as number);
  const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, i) => nest(flat, shape, axis + 1, offset + i * stride));
}
