import type { UnitId } from '../../../data/unit-id.js';
import { mapList, toFields, toUnitId } from '../shared/fields.js';
import { type Correlogram, toCorrelogram } from './correlogram.js';

export interface AutocorrelogramsData {
  autocorrelograms: (Correlogram & { unitId: UnitId })[];
}

/**
 * `Autocorrelograms` figure data: `{autocorrelograms: [{unitId, binEdgesSec, binCounts}]}`.
 *
 * @example
 * parseAutocorrelograms({ autocorrelograms: [{ unitId: 1, binEdgesSec: [-1, 0, 1], binCounts: [4, 4] }] });
 */
export function parseAutocorrelograms(raw: unknown): AutocorrelogramsData {
  const data = toFields(raw, 'Autocorrelograms data');
  const autocorrelograms = mapList(data.autocorrelograms, 'autocorrelograms', (value, what) => {
    const item = toFields(value, what);
    return { unitId: toUnitId(item.unitId, `${what}.unitId`), ...toCorrelogram(item, what) };
  });
  return { autocorrelograms };
}
