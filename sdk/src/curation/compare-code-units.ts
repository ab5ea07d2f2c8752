/**
 * JavaScript's default sort order (UTF-16 code units), which sortingview's reducer used for
 * labels and merged groups. Written out so the order is explicit at each call site.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
