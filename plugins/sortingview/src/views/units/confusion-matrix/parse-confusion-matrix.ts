import type { UnitId } from '../../../data/unit-id.js';
import { mapList, toFields, toFiniteNumber, toUnitId, toUnitIds } from '../shared/fields.js';

export interface ConfusionMatrixData {
  sorting1UnitIds: UnitId[];
  sorting2UnitIds: UnitId[];
  unitEventCounts: { unitId: UnitId; count: number }[];
  matchingUnitEventCounts: { unitId1: UnitId; unitId2: UnitId; count: number }[];
}

function toCount(value: unknown, what: string): number {
  const count = toFiniteNumber(value, what);
  if (count < 0) throw new Error(`invalid ${what}: expected a count (>= 0), got ${count}`);
  return count;
}

/**
 * `ConfusionMatrix` figure data (a comparison of two sortings): `{sorting1UnitIds,
 * sorting2UnitIds, unitEventCounts: [{unitId, count}], matchingUnitEventCounts: [{unitId1,
 * unitId2, count}]}`. The two sortings' ids must differ (the Python example prefixes "A"/"B"),
 * since event counts are keyed by unit id alone.
 */
export function parseConfusionMatrix(raw: unknown): ConfusionMatrixData {
  const data = toFields(raw, 'ConfusionMatrix data');
  const sorting1UnitIds = toUnitIds(data.sorting1UnitIds, 'sorting1UnitIds');
  const sorting2UnitIds = toUnitIds(data.sorting2UnitIds, 'sorting2UnitIds');
  const first = new Set(sorting1UnitIds.map(String));
  const shared = sorting2UnitIds.find((id) => first.has(String(id)));
  if (shared !== undefined) {
    throw new Error(
      `invalid sorting2UnitIds: unit id ${JSON.stringify(shared)} is also in sorting1UnitIds (give the two sortings distinct ids, e.g. "A1" and "B1")`,
    );
  }
  const unitEventCounts = mapList(data.unitEventCounts, 'unitEventCounts', (value, what) => {
    const item = toFields(value, what);
    return { unitId: toUnitId(item.unitId, `${what}.unitId`), count: toCount(item.count, `${what}.count`) };
  });
  const matchingUnitEventCounts = mapList(data.matchingUnitEventCounts, 'matchingUnitEventCounts', (value, what) => {
    const item = toFields(value, what);
    return {
      unitId1: toUnitId(item.unitId1, `${what}.unitId1`),
      unitId2: toUnitId(item.unitId2, `${what}.unitId2`),
      count: toCount(item.count, `${what}.count`),
    };
  });
  return { sorting1UnitIds, sorting2UnitIds, unitEventCounts, matchingUnitEventCounts };
}
