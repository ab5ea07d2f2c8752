import { isAscending, type NumberList } from './sorted-range.js';

/**
 * Paired time and value lists in ascending time: the inputs themselves when already ascending
 * (the usual case, nothing copied), else sorted copies (stable, so equal times keep their order).
 *
 * @example
 * const { times, values } = sortByTime(unit.spikeTimesSec, unit.spikeAmplitudes);
 */
export function sortByTime<T extends NumberList, V extends NumberList>(
  times: T,
  values: V,
): { times: T | Float64Array; values: V | Float64Array } {
  if (isAscending(times)) return { times, values };
  const order = Array.from({ length: times.length }, (_, i) => i);
  order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  return {
    times: Float64Array.from(order, (i) => times[i] as number),
    values: Float64Array.from(order, (i) => values[i] as number),
  };
}
