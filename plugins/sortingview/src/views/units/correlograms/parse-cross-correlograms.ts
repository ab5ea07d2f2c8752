import type { UnitId } from '../../../data/unit-id.js';
import { mapList, toFields, toOptionalBoolean, toUnitId } from '../shared/fields.js';
import { type Correlogram, toCorrelogram } from './correlogram.js';

export interface CrossCorrelogramItem extends Correlogram {
  unitId1: UnitId;
  unitId2: UnitId;
}

export interface CrossCorrelogramsData {
  crossCorrelograms: CrossCorrelogramItem[];
  hideUnitSelector: boolean;
}

/**
 * `CrossCorrelograms` figure data: `{crossCorrelograms: [{unitId1, unitId2, binEdgesSec,
 * binCounts}], hideUnitSelector?}`.
 */
export function parseCrossCorrelograms(raw: unknown): CrossCorrelogramsData {
  const data = toFields(raw, 'CrossCorrelograms data');
  const crossCorrelograms = mapList(data.crossCorrelograms, 'crossCorrelograms', (value, what) => {
    const item = toFields(value, what);
    return {
      unitId1: toUnitId(item.unitId1, `${what}.unitId1`),
      unitId2: toUnitId(item.unitId2, `${what}.unitId2`),
      ...toCorrelogram(item, what),
    };
  });
  return {
    crossCorrelograms,
    hideUnitSelector: toOptionalBoolean(data.hideUnitSelector, 'hideUnitSelector') ?? false,
  };
}
