import type { UnitId } from '../../curation/index.js';
import { type ArrayInput, arrayJson, checkArrayInput, checkBins, type ToDictOptions } from '../array-json.js';
import { checkInstances, checkOptions, checkUnitId } from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * One unit's autocorrelogram: n + 1 bin edges and n counts (Python's
 * `vv.AutocorrelogramItem(unit_id, bin_edges_sec, bin_counts)`).
 *
 * @example
 * new vv.AutocorrelogramItem({ unitId: 3, binEdgesSec: new Float32Array([-0.0015, -0.0005, 0.0005, 0.0015]), binCounts: new Int32Array([4, 0, 4]) });
 */
export class AutocorrelogramItem {
  readonly unitId: UnitId;
  readonly binEdgesSec: ArrayInput;
  readonly binCounts: ArrayInput;

  constructor(options: { unitId: UnitId; binEdgesSec: ArrayInput; binCounts: ArrayInput }) {
    const o = checkOptions(options, 'AutocorrelogramItem', '{ unitId: 3, binEdgesSec, binCounts }');
    this.unitId = checkUnitId(o.unitId, 'AutocorrelogramItem unitId');
    this.binEdgesSec = checkArrayInput(o.binEdgesSec, `AutocorrelogramItem (unit ${this.unitId}) binEdgesSec`);
    this.binCounts = checkArrayInput(o.binCounts, `AutocorrelogramItem (unit ${this.unitId}) binCounts`);
    checkBins(this.binEdgesSec, this.binCounts, `AutocorrelogramItem (unit ${this.unitId})`);
  }

  toDict(options: ToDictOptions = {}) {
    const what = `AutocorrelogramItem (unit ${this.unitId})`;
    return {
      unitId: this.unitId,
      binEdgesSec: arrayJson(this.binEdgesSec, `${what} binEdgesSec`, options),
      binCounts: arrayJson(this.binCounts, `${what} binCounts`, options),
    };
  }
}

/**
 * A grid of autocorrelograms (Python's `vv.Autocorrelograms([vv.AutocorrelogramItem(…)])`).
 * Data: `{type: 'Autocorrelograms', autocorrelograms: [{unitId, binEdgesSec, binCounts}]}`.
 *
 * @example
 * new vv.Autocorrelograms({ autocorrelograms: [item1, item2] });
 */
export class Autocorrelograms extends View {
  readonly autocorrelograms: readonly AutocorrelogramItem[];

  constructor(options: { autocorrelograms: readonly AutocorrelogramItem[] }) {
    super('Autocorrelograms');
    const o = checkOptions(options, 'Autocorrelograms', '{ autocorrelograms: […] }');
    this.autocorrelograms = checkInstances(
      o.autocorrelograms,
      AutocorrelogramItem,
      'Autocorrelograms autocorrelograms',
    );
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    return { type: this.type, autocorrelograms: this.autocorrelograms.map((a) => a.toDict(options)) };
  }
}
