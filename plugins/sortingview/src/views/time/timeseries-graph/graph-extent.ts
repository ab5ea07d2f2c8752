import { extent } from '../../../data/arrays.js';
import type { ValueAxis } from '../paint-time-axes.js';
import type { GraphSeries } from './graph-series.js';

/** The time span of all series, in the data's own time ([0, 1] when there is none). */
export function graphTimeRange(series: readonly GraphSeries[]): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    if (s.t.length === 0) continue;
    const [a, b] = extent(s.t);
    if (a < min) min = a;
    if (b > max) max = b;
  }
  if (!(max >= min)) return [0, 1];
  return max > min ? [min, max] : [min, min + 1];
}

/**
 * The y axis of a time graph: `yRange` when the data gives it, else the range of the line and
 * marker values (intervals carry no values) with 5 % headroom, fixed for the whole recording so
 * the axis holds still while panning.
 */
export function graphValueAxis(
  series: readonly GraphSeries[],
  yRange: readonly [number, number] | undefined,
): ValueAxis {
  if (yRange !== undefined && yRange[1] > yRange[0]) return { min: yRange[0], max: yRange[1] };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    if (s.type === 'interval' || s.y.length === 0) continue;
    const [a, b] = extent(s.y);
    if (a < min) min = a;
    if (b > max) max = b;
  }
  if (!(max >= min)) return { min: 0, max: 1 };
  if (max === min) return { min: min - 1, max: max + 1 };
  const pad = (max - min) * 0.05;
  return { min: min - pad, max: max + pad };
}
