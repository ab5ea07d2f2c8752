import { type Rect, rectContains } from './drag-rect.js';

type Position<T> = (item: T) => readonly [number, number];

/**
 * The item drawn nearest a pixel, if within `maxDistance`; later items win ties, since they are
 * drawn on top.
 *
 * @example
 * nearestWithin(units, (u) => layout.toPixel(u), x, y, 8);
 */
export function nearestWithin<T>(
  items: readonly T[],
  position: Position<T>,
  x: number,
  y: number,
  maxDistance: number,
): T | undefined {
  let best: T | undefined;
  let bestDistance = maxDistance;
  for (const item of items) {
    const [px, py] = position(item);
    const d = Math.hypot(px - x, py - y);
    if (d <= bestDistance) {
      best = item;
      bestDistance = d;
    }
  }
  return best;
}

/** The items drawn inside a dragged rectangle (grown by `pad`, e.g. a dot's radius). */
export function itemsInRect<T>(items: readonly T[], position: Position<T>, rect: Rect, pad = 0): T[] {
  return items.filter((item) => {
    const [px, py] = position(item);
    return rectContains(rect, px, py, pad);
  });
}
