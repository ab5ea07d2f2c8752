import { compareUnitIds, type UnitId, unitKey } from '../../../data/unit-id.js';

/**
 * The units a grid shows, in the shared order (the units table's sort): units with data that
 * pass the restriction/visibility filter, only selected ones when asked. Units not yet in the
 * shared order (before INITIALIZE_UNITS lands) follow in natural order. Ids are the data's own.
 *
 * @example
 * gridUnits({ dataUnitIds: [3, 1, 2], orderedUnitIds: [2, 1, 3], isShown: () => true });
 * // [2, 1, 3]
 */
export function gridUnits({
  dataUnitIds,
  orderedUnitIds,
  isShown,
  onlySelected = false,
  selectedUnitIds,
}: {
  dataUnitIds: readonly UnitId[];
  orderedUnitIds: readonly UnitId[];
  isShown(id: UnitId): boolean;
  onlySelected?: boolean;
  selectedUnitIds?: ReadonlySet<string>;
}): UnitId[] {
  const byKey = new Map(dataUnitIds.map((id) => [unitKey(id), id] as const));
  const ordered: UnitId[] = [];
  for (const id of orderedUnitIds) {
    const own = byKey.get(unitKey(id));
    if (own === undefined) continue;
    ordered.push(own);
    byKey.delete(unitKey(id));
  }
  ordered.push(...[...byKey.values()].sort(compareUnitIds));
  return ordered.filter((id) => isShown(id) && (!onlySelected || selectedUnitIds?.has(unitKey(id)) === true));
}
