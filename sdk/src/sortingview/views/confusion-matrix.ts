import type { UnitId } from '../../curation/index.js';
import { checkInstances, checkInteger, checkOptions, checkUnitId, checkUnitIds } from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * How many events a unit has (Python's `vv.UnitEventCount(unit_id, count)`).
 *
 * @example
 * new vv.UnitEventCount({ unitId: 3, count: 5120 });
 */
export class UnitEventCount {
  readonly unitId: UnitId;
  readonly count: number;

  constructor(options: { unitId: UnitId; count: number }) {
    const o = checkOptions(options, 'UnitEventCount', '{ unitId: 3, count: 5120 }');
    this.unitId = checkUnitId(o.unitId, 'UnitEventCount unitId');
    this.count = checkInteger(o.count, `UnitEventCount (unit ${this.unitId}) count`);
  }

  toDict() {
    return { unitId: this.unitId, count: this.count };
  }
}

/**
 * How many events of a unit of sorting 1 match a unit of sorting 2 (Python's
 * `vv.MatchingUnitEventCount(unit_id1, unit_id2, count)`).
 *
 * @example
 * new vv.MatchingUnitEventCount({ unitId1: 3, unitId2: 'b7', count: 4980 });
 */
export class MatchingUnitEventCount {
  readonly unitId1: UnitId;
  readonly unitId2: UnitId;
  readonly count: number;

  constructor(options: { unitId1: UnitId; unitId2: UnitId; count: number }) {
    const o = checkOptions(options, 'MatchingUnitEventCount', "{ unitId1: 3, unitId2: 'b7', count: 4980 }");
    this.unitId1 = checkUnitId(o.unitId1, 'MatchingUnitEventCount unitId1');
    this.unitId2 = checkUnitId(o.unitId2, 'MatchingUnitEventCount unitId2');
    this.count = checkInteger(o.count, `MatchingUnitEventCount (units ${this.unitId1}, ${this.unitId2}) count`);
  }

  toDict() {
    return { unitId1: this.unitId1, unitId2: this.unitId2, count: this.count };
  }
}

export interface ConfusionMatrixOptions {
  sorting1UnitIds: readonly UnitId[];
  sorting2UnitIds: readonly UnitId[];
  unitEventCounts: readonly UnitEventCount[];
  matchingUnitEventCounts: readonly MatchingUnitEventCount[];
}

/**
 * Two sortings compared unit by unit (Python's `vv.ConfusionMatrix(sorting1_unit_ids=…,
 * sorting2_unit_ids=…, unit_event_counts=…, matching_unit_event_counts=…)`). Data:
 * `{type: 'ConfusionMatrix', sorting1UnitIds, sorting2UnitIds, unitEventCounts, matchingUnitEventCounts}`.
 *
 * @example
 * new vv.ConfusionMatrix({ sorting1UnitIds: [1], sorting2UnitIds: ['a'], unitEventCounts, matchingUnitEventCounts });
 */
export class ConfusionMatrix extends View {
  readonly sorting1UnitIds: readonly UnitId[];
  readonly sorting2UnitIds: readonly UnitId[];
  readonly unitEventCounts: readonly UnitEventCount[];
  readonly matchingUnitEventCounts: readonly MatchingUnitEventCount[];

  constructor(options: ConfusionMatrixOptions) {
    super('ConfusionMatrix');
    const o = checkOptions(
      options,
      'ConfusionMatrix',
      '{ sorting1UnitIds, sorting2UnitIds, unitEventCounts, matchingUnitEventCounts }',
    );
    this.sorting1UnitIds = checkUnitIds(o.sorting1UnitIds, 'ConfusionMatrix sorting1UnitIds');
    this.sorting2UnitIds = checkUnitIds(o.sorting2UnitIds, 'ConfusionMatrix sorting2UnitIds');
    this.unitEventCounts = checkInstances(o.unitEventCounts, UnitEventCount, 'ConfusionMatrix unitEventCounts');
    this.matchingUnitEventCounts = checkInstances(
      o.matchingUnitEventCounts,
      MatchingUnitEventCount,
      'ConfusionMatrix matchingUnitEventCounts',
    );
  }

  toDict(): ViewDict {
    return {
      type: this.type,
      sorting1UnitIds: this.sorting1UnitIds,
      sorting2UnitIds: this.sorting2UnitIds,
      unitEventCounts: this.unitEventCounts.map((c) => c.toDict()),
      matchingUnitEventCounts: this.matchingUnitEventCounts.map((c) => c.toDict()),
    };
  }
}
