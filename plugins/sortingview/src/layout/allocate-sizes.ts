import type { LayoutItemProperties } from '../data/figure-model.js';

/**
 * Splits `total` pixels among items along a box's axis: each gets its `minSize` (default 0),
 * the rest is shared in proportion to `stretch` (default 1), no item above its `maxSize`; what
 * capped items cannot take goes to the others. Sizes are whole pixels summing to at most `total`.
 *
 * @example
 * allocateSizes(300, [{ minSize: 100 }, {}]) // [200, 100]: both stretch 1 beyond 100 px / 0 px
 */
export function allocateSizes(total: number, items: readonly LayoutItemProperties[]): number[] {
  const sizes = items.map((item) => item.minSize ?? 0);
  let remaining = total - sizes.reduce((a, b) => a + b, 0);
  const open = new Set(
    items.map((_, i) => i).filter((i) => (items[i]?.maxSize ?? Number.POSITIVE_INFINITY) > (sizes[i] as number)),
  );
  while (remaining > 0.5 && open.size > 0) {
    const weight = [...open].reduce((sum, i) => sum + (items[i]?.stretch ?? 1), 0);
    if (weight <= 0) break;
    let given = 0;
    for (const i of [...open]) {
      const share = (remaining * (items[i]?.stretch ?? 1)) / weight;
      const max = items[i]?.maxSize ?? Number.POSITIVE_INFINITY;
      const next = Math.min(max, (sizes[i] as number) + share);
      given += next - (sizes[i] as number);
      sizes[i] = next;
      if (next >= max) open.delete(i);
    }
    remaining -= given;
    if (given < 0.5) break;
  }
  return sizes.map(Math.floor);
}
