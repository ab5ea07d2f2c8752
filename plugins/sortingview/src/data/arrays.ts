import { NdArray, type TypedArray } from '@figurl/sdk/protocol';

/** A numeric vector as views read it: a typed array (decoded ndarray) or a plain list. */
export type NumericVector = TypedArray | readonly number[];

/**
 * The values of a 1-D array field: an `NdArray`'s typed data, a typed array, or a JSON list of
 * numbers (older producers wrote plain lists). Anything else is an error naming the field.
 *
 * @example
 * const times = toVector(plot.spikeTimesSec, 'plots[0].spikeTimesSec'); // Float32Array
 */
export function toVector(value: unknown, what: string): NumericVector {
  if (value instanceof NdArray) return value.data;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value as TypedArray;
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value as number[];
  throw new Error(`invalid ${what}: expected an array of numbers (ndarray or list)`);
}

/** A 2-D array (row-major) with its sizes: `at(i, j)` = `data[i * cols + j]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: NumericVector;
}

/**
 * A 2-D array field: an `NdArray` of shape [rows, cols] or a list of equal-length number lists.
 *
 * @example
 * const w = toMatrix(item.waveform, 'averageWaveforms[0].waveform'); // channels × samples
 * const v = w.data[channel * w.cols + sample];
 */
export function toMatrix(value: unknown, what: string): Matrix {
  if (value instanceof NdArray) {
    if (value.shape.length !== 2) {
      throw new Error(`invalid ${what}: expected a 2-D array, got shape [${value.shape.join(', ')}]`);
    }
    return { rows: value.shape[0] as number, cols: value.shape[1] as number, data: value.data };
  }
  if (Array.isArray(value) && value.every((row) => Array.isArray(row))) {
    const rows = value.length;
    const cols = rows === 0 ? 0 : (value[0] as unknown[]).length;
    const data = new Float64Array(rows * cols);
    value.forEach((row: unknown[], i) => {
      if (row.length !== cols || !row.every((v) => typeof v === 'number')) {
        throw new Error(`invalid ${what}: expected a rectangular array of numbers (row ${i} differs)`);
      }
      data.set(row as number[], i * cols);
    });
    return { rows, cols, data };
  }
  throw new Error(`invalid ${what}: expected a 2-D array of numbers (ndarray or nested lists)`);
}

/** Smallest and largest finite value ([0, 0] for none). */
export function extent(values: ArrayLike<number>): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [0, 0];
}
