import type { CanonicalJsonValue } from '../../canonical-json/index.js';
import type { UnitId } from '../../curation/index.js';
import { checkInstances, checkOptions } from '../check-values.js';
import { View, type ViewDict } from '../view.js';
import { UnitValues, ValueColumn } from './unit-values.js';

/**
 * A metric of a UnitMetricsGraph (Python's `vv.UnitMetricsGraphMetric(key, label, dtype)`).
 *
 * @example
 * new vv.UnitMetricsGraphMetric({ key: 'snr', label: 'SNR', dtype: 'float' });
 */
export class UnitMetricsGraphMetric extends ValueColumn<'int' | 'float'> {
  constructor(options: { key: string; label: string; dtype: 'int' | 'float' }) {
    super(options, 'UnitMetricsGraphMetric', ['int', 'float']);
  }
}

/**
 * A unit's metric values by key (Python's `vv.UnitMetricsGraphUnit(unit_id, values)`).
 *
 * @example
 * new vv.UnitMetricsGraphUnit({ unitId: 3, values: { snr: 11.2, firingRateHz: 8.5 } });
 */
export class UnitMetricsGraphUnit extends UnitValues {
  constructor(options: { unitId: UnitId; values: { readonly [key: string]: CanonicalJsonValue } }) {
    super(options, 'UnitMetricsGraphUnit');
  }
}

/**
 * Histograms and scatter plots of unit metrics (Python's `vv.UnitMetricsGraph(metrics=…,
 * units=…)`). Data: `{type: 'UnitMetricsGraph', units: [{unitId, values}], metrics: [{key, label, dtype}]}`.
 *
 * @example
 * new vv.UnitMetricsGraph({ metrics: [metric], units: [unit1, unit2] });
 */
export class UnitMetricsGraph extends View {
  readonly metrics: readonly UnitMetricsGraphMetric[];
  readonly units: readonly UnitMetricsGraphUnit[];

  constructor(options: { metrics: readonly UnitMetricsGraphMetric[]; units: readonly UnitMetricsGraphUnit[] }) {
    super('UnitMetricsGraph');
    const o = checkOptions(options, 'UnitMetricsGraph', '{ metrics: […], units: […] }');
    this.metrics = checkInstances(o.metrics, UnitMetricsGraphMetric, 'UnitMetricsGraph metrics');
    this.units = checkInstances(o.units, UnitMetricsGraphUnit, 'UnitMetricsGraph units');
  }

  toDict(): ViewDict {
    return { type: this.type, units: this.units.map((u) => u.toDict()), metrics: this.metrics.map((m) => m.toDict()) };
  }
}
