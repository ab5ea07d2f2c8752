import { type UnitId, unitKey } from '../../../data/unit-id.js';

/** Rows at least this tall (CSS pixels) carry their unit label in the left margin. */
export const minLabelledRowPx = 10;

/**
 * The raster's rows, top to bottom, as indices into its plots: the shared unit order (the units
 * table's sort) restricted to shown units; plots the shared order does not know yet follow in
 * their own order.
 *
 * @example
 * rasterRowOrder([3, 1, 2], [1, 2, 3], (id) => id !== 2); // Int32Array [1, 0]: unit 1, then 3
 */
export function rasterRowOrder(
  plotUnitIds: readonly UnitId[],
  orderedUnitIds: readonly UnitId[],
  isShown: (id: UnitId) => boolean,
): Int32Array {
  const indexByKey = new Map<string, number>();
  plotUnitIds.forEach((id, i) => {
    if (!indexByKey.has(unitKey(id))) indexByKey.set(unitKey(id), i);
  });
  const rows: number[] = [];
  const placed = new Set<number>();
  for (const id of orderedUnitIds) {
    const index = indexByKey.get(unitKey(id));
    if (index === undefined || placed.has(index)) continue;
    placed.add(index);
    if (isShown(id)) rows.push(index);
  }
  plotUnitIds.forEach((id, i) => {
    if (!placed.has(i) && indexByKey.get(unitKey(id)) === i && isShown(id)) rows.push(i);
  });
  return Int32Array.from(rows);
}

/** The row under `y` when `count` rows share [top, top + height), or -1 outside them. */
export function rasterRowAt(y: number, top: number, height: number, count: number): number {
  if (count <= 0 || height <= 0 || y < top || y >= top + height) return -1;
  return Math.min(count - 1, Math.floor(((y - top) / height) * count));
}
