import type { CanonicalJsonValue } from '../canonical-json/index.js';
import { FigurlError } from '../errors/index.js';
import { invalid, isPlainObject, shown } from './check-values.js';
import {
  describeArray,
  type EncodableArray,
  encodeNdarray,
  findDtype,
  float64Advice,
  type NdarrayDtype,
  type NdarrayJson,
} from './encode-ndarray.js';

/**
 * An array of a view: a typed array (stored as an ndarray), a number list (stored as a JSON
 * list, as Python stores lists) or an ndarray already encoded (`encodeNdarray`, or Python's).
 */
export type ArrayInput = EncodableArray | readonly number[] | NdarrayJson;

/**
 * A 2-D array: rows of the same length, all typed arrays of one kind (stored as one ndarray
 * `[rows, columns]`) or all number lists (a nested JSON list), or an encoded ndarray.
 */
export type MatrixInput = NdarrayJson | readonly (EncodableArray | readonly number[])[];

/** What turning views into figure data may allow. */
export interface ToDictOptions {
  /** Store Float64Arrays as float64 (Python's `allow_float64`); refused by default. */
  allowFloat64?: boolean | undefined;
}

const bytesPerElement: Record<NdarrayDtype, number> = {
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  float64: 8,
};

export function checkArrayInput(value: unknown, what: string): ArrayInput {
  if (findDtype(value) !== null) return value as EncodableArray;
  if (Array.isArray(value)) return checkNumberList(value, what);
  if (isPlainObject(value) && value._type === 'ndarray') return checkNdarrayJson(value, what);
  throw invalid(what, value, 'a typed array such as a Float32Array, a list of numbers, or an encoded ndarray');
}

export function checkMatrixInput(value: unknown, what: string): MatrixInput {
  if (isPlainObject(value) && value._type === 'ndarray') return checkNdarrayJson(value, what);
  if (!Array.isArray(value)) throw invalid(what, value, 'a list of rows (typed arrays or number lists)');
  const rows = value.map((row, i) => {
    if (findDtype(row) !== null) return row as EncodableArray;
    if (Array.isArray(row)) return checkNumberList(row, `${what}[${i}]`);
    throw invalid(`${what}[${i}]`, row, 'a row: a typed array or a list of numbers');
  });
  const first = rows[0];
  rows.forEach((row, i) => {
    if (first === undefined) return;
    if (row.length !== first.length) {
      throw invalid(`${what}[${i}]`, row, `a row of ${first.length} values, as the first row`);
    }
    if (Array.isArray(row) !== Array.isArray(first) || row.constructor !== first.constructor) {
      throw invalid(`${what}[${i}]`, row, `a row of the first row's kind (${describeArray(first)})`);
    }
  });
  return rows;
}

/** Checks Python's `{_type:'ndarray', shape, dtype, data_b64 | data_gzip_b64}`: the data must fit the shape. */
export function checkNdarrayJson(value: Record<string, unknown>, what: string): NdarrayJson {
  const { shape, dtype, data_b64, data_gzip_b64 } = value;
  const extra = Object.keys(value).filter((k) => !['_type', 'shape', 'dtype', 'data_b64', 'data_gzip_b64'].includes(k));
  if (extra.length > 0) throw invalid(`${what} ndarray field`, extra[0], 'only _type, shape, dtype and data_b64');
  if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw invalid(`${what} ndarray shape`, shape, 'a list of sizes such as [100] or [32, 40]');
  }
  if (typeof dtype !== 'string' || !Object.hasOwn(bytesPerElement, dtype)) {
    throw invalid(`${what} ndarray dtype`, dtype, `one of ${Object.keys(bytesPerElement).join(', ')}`);
  }
  if (typeof data_gzip_b64 === 'string' && data_b64 === undefined) return value as unknown as NdarrayJson;
  if (typeof data_b64 !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data_b64) || data_b64.length % 4 !== 0) {
    throw invalid(`${what} ndarray data_b64`, data_b64, 'standard base64 text');
  }
  const padding = data_b64.endsWith('==') ? 2 : data_b64.endsWith('=') ? 1 : 0;
  const bytes = (data_b64.length / 4) * 3 - padding;
  const needed = (shape as number[]).reduce((a, b) => a * b, 1) * bytesPerElement[dtype as NdarrayDtype];
  if (bytes !== needed) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid ${what} ndarray: shape ${shown(shape)} of ${dtype} needs ${needed} bytes, data_b64 holds ${bytes}`,
    );
  }
  return value as unknown as NdarrayJson;
}

/** The figure data of an array: an ndarray for a typed array, the list itself for a list. */
export function arrayJson(value: ArrayInput, what: string, options: ToDictOptions): CanonicalJsonValue {
  if (Array.isArray(value)) return value as readonly number[];
  if (findDtype(value) !== null) return encode(value as EncodableArray, undefined, what, options);
  const ndarray = value as NdarrayJson;
  if (ndarray.dtype === 'float64' && options.allowFloat64 !== true) {
    throw new FigurlError('INVALID_REQUEST', `invalid ${what}: a float64 ndarray; ${float64Advice}`);
  }
  return ndarray;
}

export function matrixJson(value: MatrixInput, what: string, options: ToDictOptions): CanonicalJsonValue {
  if (!Array.isArray(value)) return arrayJson(value as NdarrayJson, what, options);
  const rows = value as readonly (EncodableArray | readonly number[])[];
  const first = rows[0];
  if (first === undefined || Array.isArray(first)) return rows as readonly (readonly number[])[];
  const typed = first as EncodableArray;
  const Ctor = typed.constructor as new (length: number) => EncodableArray;
  const flat = new Ctor(rows.length * typed.length);
  rows.forEach((row, i) => {
    flat.set(row as EncodableArray, i * typed.length);
  });
  return encode(flat, [rows.length, typed.length], what, options);
}

function encode(
  values: EncodableArray,
  shape: readonly number[] | undefined,
  what: string,
  options: ToDictOptions,
): NdarrayJson {
  if (values instanceof Float64Array && options.allowFloat64 !== true) {
    throw new FigurlError('INVALID_REQUEST', `invalid ${what} (${describeArray(values)}): ${float64Advice}`);
  }
  return encodeNdarray(values, shape, { allowFloat64: true });
}

function checkNumberList(list: readonly unknown[], what: string): readonly number[] {
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalid(`${what}[${i}]`, value, 'a finite number (JSON has no NaN or Infinity; use a Float32Array)');
    }
  }
  return list as readonly number[];
}

/** How many values an array holds (the product of an ndarray's shape). */
export function lengthOf(value: ArrayInput): number {
  if (Array.isArray(value) || findDtype(value) !== null) return (value as ArrayLike<number>).length;
  return (value as NdarrayJson).shape.reduce((a, b) => a * b, 1);
}

/** Checks that bin edges are one more than bin counts, as a histogram's are. */
export function checkBins(binEdgesSec: ArrayInput, binCounts: ArrayInput, what: string): void {
  const edges = lengthOf(binEdgesSec);
  const counts = lengthOf(binCounts);
  if (edges !== counts + 1) {
    throw invalid(`${what} binEdgesSec`, `${edges} edges`, `one more edge than bin counts (${counts})`);
  }
}
