import type { CanonicalJsonValue } from '../../canonical-json/index.js';
import type { UnitId } from '../../curation/index.js';
import { checkJsonObject, checkOneOf, checkOptions, checkString, checkUnitId } from '../check-values.js';

/*
 * Per-unit values by key, as UnitsTable and UnitMetricsGraph take them: the keys described once
 * (a column, a metric) and each unit's values. `what` is the class, as messages name it.
 */

/** `{key, label, dtype}`: a column of a UnitsTable, a metric of a UnitMetricsGraph. */
export abstract class ValueColumn<Dtype extends string> {
  readonly key: string;
  readonly label: string;
  readonly dtype: Dtype;

  protected constructor(options: unknown, what: string, dtypes: readonly Dtype[]) {
    const o = checkOptions(options, what, "{ key: 'snr', label: 'SNR', dtype: 'float' }");
    this.key = checkString(o.key, `${what} key`);
    this.label = checkString(o.label, `${what} label`);
    this.dtype = checkOneOf(o.dtype, dtypes, `${what} dtype`);
  }

  toDict() {
    return { key: this.key, label: this.label, dtype: this.dtype };
  }
}

/** `{unitId, values}`: a row of a UnitsTable, a unit of a UnitMetricsGraph. */
export abstract class UnitValues {
  readonly unitId: UnitId;
  readonly values: { readonly [key: string]: CanonicalJsonValue };

  protected constructor(options: unknown, what: string) {
    const o = checkOptions(options, what, '{ unitId: 3, values: { snr: 11.2 } }');
    this.unitId = checkUnitId(o.unitId, `${what} unitId`);
    this.values = checkJsonObject(o.values, `${what} (unit ${this.unitId}) values`);
  }

  toDict() {
    return { unitId: this.unitId, values: this.values };
  }
}
