/** Anything indexable by number: typed arrays and number lists. */
export type NumberList = ArrayLike<number>;

/**
 * First index in [lo, hi) whose value is >= `target` in an ascending list (hi when none): the
 * ranged form of `lowerBound`, for one unit's segment of a packed array.
 */
export function lowerBoundIn(sorted: NumberList, target: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((sorted[mid] as number) < target) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** First index in [lo, hi) whose value is > `target` in an ascending list (hi when none). */
export function upperBoundIn(sorted: NumberList, target: number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((sorted[mid] as number) <= target) a = mid + 1;
    else b = mid;
  }
  return a;
}

/**
 * The indices [from, to) of an ascending time list to draw for the window [t0, t1]: the points
 * inside plus one on each side, so lines run to the edges of the plot.
 */
export function visibleIndexRange(times: NumberList, t0: number, t1: number): [number, number] {
  const n = times.length;
  const first = lowerBoundIn(times, t0, 0, n);
  const last = upperBoundIn(times, t1, first, n);
  return [Math.max(0, first - 1), Math.min(n, last + 1)];
}

/** Whether the list never decreases (NaN breaks the order). */
export function isAscending(values: NumberList, from = 0, to = values.length): boolean {
  for (let i = from + 1; i < to; i++) {
    if (!((values[i] as number) >= (values[i - 1] as number))) return false;
  }
  return true;
}
