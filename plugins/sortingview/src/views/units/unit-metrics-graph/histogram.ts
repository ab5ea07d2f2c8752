import { extent } from '../../../data/arrays.js';

export interface Histogram {
  /** Left edge of the first bin. */
  min: number;
  binWidth: number;
  counts: number[];
}

/**
 * Equal-width bins over the values, the range widened by half a bin on each side (as
 * sortingview's metric histograms do) so the extremes sit inside bins. Equal values get a
 * small range around them. Undefined for no values.
 *
 * @example
 * histogram([0, 1, 2, 3], 4); // { min: -0.375, binWidth: 0.9375, counts: [1, 1, 1, 1] }
 */
export function histogram(values: readonly number[], binCount: number): Histogram | undefined {
  if (values.length === 0 || binCount < 1) return undefined;
  let [lo, hi] = extent(values);
  if (hi === lo) {
    const half = Math.max(Math.abs(lo) * 0.05, 0.5);
    lo -= half;
    hi += half;
  } else {
    const pad = (hi - lo) / binCount / 2;
    lo -= pad;
    hi += pad;
  }
  const binWidth = (hi - lo) / binCount;
  const counts = new Array<number>(binCount).fill(0);
  for (const v of values) {
    const i = binIndex({ min: lo, binWidth, counts }, v);
    counts[i] = (counts[i] as number) + 1;
  }
  return { min: lo, binWidth, counts };
}

/** The bin a value falls in (clamped to the first and last bins). */
export function binIndex(h: Histogram, value: number): number {
  return Math.min(h.counts.length - 1, Math.max(0, Math.floor((value - h.min) / h.binWidth)));
}
