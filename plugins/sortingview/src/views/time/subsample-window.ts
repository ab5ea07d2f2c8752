import { lowerBoundIn, type NumberList, upperBoundIn } from './sorted-range.js';

/**
 * Indices of the points of an ascending time list inside [t0, t1], at most `max` of them: all
 * when they fit, else `max` evenly spaced ones (first included), as sortingview's spike
 * amplitudes keep 5000 points per unit in the visible window.
 *
 * @example
 * for (const i of subsampleWindow(times, 10, 20, 5000)) drawDot(times[i], amplitudes[i]);
 */
export function subsampleWindow(times: NumberList, t0: number, t1: number, max: number): Int32Array {
  const from = lowerBoundIn(times, t0, 0, times.length);
  const to = upperBoundIn(times, t1, from, times.length);
  const count = to - from;
  const keep = Math.max(0, Math.min(count, Math.floor(max)));
  const indices = new Int32Array(keep);
  if (keep === count) {
    for (let k = 0; k < keep; k++) indices[k] = from + k;
  } else {
    const step = count / keep;
    for (let k = 0; k < keep; k++) indices[k] = from + Math.floor(k * step);
  }
  return indices;
}
