import { compareUnitIds, type UnitId, unitKey } from '../../../data/unit-id.js';
import type { ConfusionMatrixData } from './parse-confusion-matrix.js';

export interface ConfusionFractions {
  /** Sorting 1's units (rows) and sorting 2's (columns), in natural order. */
  rowIds: UnitId[];
  columnIds: UnitId[];
  /** rows × columns, row-major: matched / (events1 + events2 − matched); NaN where no match is given. */
  values: Float64Array;
  eventCount(unitId: UnitId): number | undefined;
  matchCount(unitId1: UnitId, unitId2: UnitId): number | undefined;
}

/**
 * The agreement of each unit pair of two sortings, as sortingview's confusion matrix shows it:
 * matched events over the union of both units' events (1 = identical spike trains).
 *
 * @example
 * confusionFractions(data).values[0]; // e.g. 100 / (110 + 105 - 100) ≈ 0.87
 */
export function confusionFractions(data: ConfusionMatrixData): ConfusionFractions {
  const rowIds = [...data.sorting1UnitIds].sort(compareUnitIds);
  const columnIds = [...data.sorting2UnitIds].sort(compareUnitIds);
  const events = new Map(data.unitEventCounts.map((c) => [unitKey(c.unitId), c.count]));
  const matches = new Map(
    data.matchingUnitEventCounts.map((c) => [`${unitKey(c.unitId1)}\u0000${unitKey(c.unitId2)}`, c.count]),
  );
  const eventCount = (id: UnitId) => events.get(unitKey(id));
  const matchCount = (a: UnitId, b: UnitId) => matches.get(`${unitKey(a)}\u0000${unitKey(b)}`);
  const values = new Float64Array(rowIds.length * columnIds.length).fill(Number.NaN);
  rowIds.forEach((a, i) => {
    columnIds.forEach((b, j) => {
      const matched = matchCount(a, b);
      const n1 = eventCount(a);
      const n2 = eventCount(b);
      if (matched === undefined || n1 === undefined || n2 === undefined) return;
      const union = n1 + n2 - matched;
      if (union > 0) values[i * columnIds.length + j] = matched / union;
    });
  });
  return { rowIds, columnIds, values, eventCount, matchCount };
}
