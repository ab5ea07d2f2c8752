import { lowerBoundIn, type NumberList } from '../sorted-range.js';

/** Spikes stepped over one by one in a column before the scan jumps by binary search. */
const linearSteps = 8;

/**
 * The pixel columns that hold one unit's spikes in the window [t0, t1), ascending, one entry per
 * column however many spikes fall in it. `times[from..to)` is the unit's ascending spike times;
 * columns are `floor((t - t0) / (t1 - t0) * columns)`. Where spikes crowd one column the scan jumps
 * past the rest of the column by binary search, so a row costs at most a few steps and one search
 * per column, and a zoomed-out million-spike raster does not touch every spike. Returns how many were written.
 *
 * @example
 * const out = new Int32Array(width);
 * const n = collectTickColumns(times, 0, times.length, 10, 20, width, out);
 */
export function collectTickColumns(
  times: NumberList,
  from: number,
  to: number,
  t0: number,
  t1: number,
  columns: number,
  out: Int32Array,
): number {
  if (!(t1 > t0) || columns <= 0 || from >= to) return 0;
  const scale = columns / (t1 - t0);
  const columnOf = (t: number) => Math.floor((t - t0) * scale);
  let i = lowerBoundIn(times, t0, from, to);
  let count = 0;
  while (i < to && count < out.length) {
    const c = columnOf(times[i] as number);
    if (!(c < columns)) break; // past the window (or NaN, which sorts last)
    out[count++] = c;
    i++;
    // Skip the rest of column c: a few steps, then (a crowded column) a binary search for the
    // column boundary. Floating-point rounding may put the search one spike off either way, so
    // the result is corrected against the column function itself.
    let steps = 0;
    while (i < to && columnOf(times[i] as number) <= c) {
      if (++steps > linearSteps) {
        let next = lowerBoundIn(times, t0 + (c + 1) / scale, i, to);
        while (next > i && columnOf(times[next - 1] as number) > c) next--;
        i = next;
        while (i < to && columnOf(times[i] as number) <= c) i++;
        break;
      }
      i++;
    }
  }
  return count;
}

/** Ticks grow from 1 to 3 pixels (sortingview issue #183) once spikes lie this far apart on average. */
export const wideTickSpacingPx = 8;

/**
 * Tick width in CSS pixels: 3 when zoomed in far enough that a unit firing at the mean rate has
 * its spikes at least `wideTickSpacingPx` apart, else 1. It depends on zoom only, so ticks do not
 * change width while panning.
 */
export function rasterTickWidth(pixelsPerSecond: number, meanRateHz: number): 1 | 3 {
  if (!(pixelsPerSecond > 0)) return 1;
  if (!(meanRateHz > 0)) return 3;
  return pixelsPerSecond / meanRateHz >= wideTickSpacingPx ? 3 : 1;
}
