import type { NumberList } from '../sorted-range.js';

/**
 * A line reduced to pixel columns: for each occupied column (ascending) the first, lowest,
 * highest and last value of the points in it. A bar per column from its lowest to its highest
 * value, stretched to the previous column's last value, covers the pixels the full line would,
 * with one shape per column instead of one segment per point.
 */
export interface LineEnvelope {
  count: number;
  column: Int32Array;
  first: Float64Array;
  min: Float64Array;
  max: Float64Array;
  last: Float64Array;
}

/**
 * The envelope of points [from, to) of an ascending `t` over the window [t0, t1] split into
 * `columns` columns (column = floor((t - t0) / (t1 - t0) * columns); the point just outside each
 * edge gets its own column below 0 or at/after `columns`). Points whose value is not finite are
 * skipped.
 *
 * @example
 * const env = computeLineEnvelope(t, y, from, to, 0, 60, 800); // ≤ 802 columns for 2,000,000 points
 */
export function computeLineEnvelope(
  t: NumberList,
  y: NumberList,
  from: number,
  to: number,
  t0: number,
  t1: number,
  columns: number,
): LineEnvelope {
  const capacity = Math.max(0, Math.min(to - from, columns + 2));
  const envelope: LineEnvelope = {
    count: 0,
    column: new Int32Array(capacity),
    first: new Float64Array(capacity),
    min: new Float64Array(capacity),
    max: new Float64Array(capacity),
    last: new Float64Array(capacity),
  };
  if (!(t1 > t0) || columns <= 0) return envelope;
  const scale = columns / (t1 - t0);
  let current = Number.NaN;
  let k = -1;
  for (let i = from; i < to; i++) {
    const value = y[i] as number;
    if (!Number.isFinite(value)) continue;
    const c = Math.max(-1, Math.min(columns, Math.floor(((t[i] as number) - t0) * scale)));
    if (c !== current) {
      if (k + 1 >= capacity) break;
      k += 1;
      current = c;
      envelope.column[k] = c;
      envelope.first[k] = value;
      envelope.min[k] = value;
      envelope.max[k] = value;
    } else {
      if (value < (envelope.min[k] as number)) envelope.min[k] = value;
      if (value > (envelope.max[k] as number)) envelope.max[k] = value;
    }
    envelope.last[k] = value;
  }
  envelope.count = k + 1;
  return envelope;
}
