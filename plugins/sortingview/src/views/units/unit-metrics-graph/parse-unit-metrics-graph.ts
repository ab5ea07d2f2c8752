import type { UnitId } from '../../../data/unit-id.js';
import { type Fields, mapList, toFields, toText, toUnitId } from '../shared/fields.js';

export interface UnitMetric {
  key: string;
  label: string;
  dtype: string;
}

export interface UnitMetricsUnit {
  unitId: UnitId;
  values: Fields;
}

export interface UnitMetricsGraphData {
  metrics: UnitMetric[];
  units: UnitMetricsUnit[];
}

/**
 * `UnitMetricsGraph` figure data: `{metrics: [{key, label, dtype}], units: [{unitId, values:
 * {<key>: value}}]}`. Values are kept as given; only finite numbers are plotted.
 */
export function parseUnitMetricsGraph(raw: unknown): UnitMetricsGraphData {
  const data = toFields(raw, 'UnitMetricsGraph data');
  const metrics = mapList(data.metrics, 'metrics', (value, what) => {
    const item = toFields(value, what);
    const key = toText(item.key, `${what}.key`);
    return {
      key,
      label: item.label === undefined || item.label === null ? key : toText(item.label, `${what}.label`),
      dtype: item.dtype === undefined || item.dtype === null ? 'float' : toText(item.dtype, `${what}.dtype`),
    };
  });
  const units = mapList(data.units, 'units', (value, what) => {
    const item = toFields(value, what);
    return { unitId: toUnitId(item.unitId, `${what}.unitId`), values: toFields(item.values ?? {}, `${what}.values`) };
  });
  return { metrics, units };
}

/** A unit's value of a metric when it is a finite number (booleans count as 0/1), else undefined. */
export function metricValue(unit: UnitMetricsUnit, key: string): number | undefined {
  const value = unit.values[key];
  if (typeof value === 'boolean') return value ? 1 : 0;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
