import type { UnitId } from '../../curation/index.js';
import { type ArrayInput, arrayJson, checkArrayInput, checkBins, type ToDictOptions } from '../array-json.js';
import { checkBoolean, checkInstances, checkOptions, checkUnitId, optional } from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * The cross-correlogram of two units (Python's `vv.CrossCorrelogramItem(unit_id1, unit_id2,
 * bin_edges_sec, bin_counts)`); for unitId1 = unitId2, the autocorrelogram.
 *
 * @example
 * new vv.CrossCorrelogramItem({ unitId1: 3, unitId2: 7, binEdgesSec, binCounts });
 */
export class CrossCorrelogramItem {
  readonly unitId1: UnitId;
  readonly unitId2: UnitId;
  readonly binEdgesSec: ArrayInput;
  readonly binCounts: ArrayInput;

  constructor(options: { unitId1: UnitId; unitId2: UnitId; binEdgesSec: ArrayInput; binCounts: ArrayInput }) {
    const o = checkOptions(options, 'CrossCorrelogramItem', '{ unitId1: 3, unitId2: 7, binEdgesSec, binCounts }');
    this.unitId1 = checkUnitId(o.unitId1, 'CrossCorrelogramItem unitId1');
    this.unitId2 = checkUnitId(o.unitId2, 'CrossCorrelogramItem unitId2');
    const what = `CrossCorrelogramItem (units ${this.unitId1}, ${this.unitId2})`;
    this.binEdgesSec = checkArrayInput(o.binEdgesSec, `${what} binEdgesSec`);
    this.binCounts = checkArrayInput(o.binCounts, `${what} binCounts`);
    checkBins(this.binEdgesSec, this.binCounts, what);
  }

  toDict(options: ToDictOptions = {}) {
    const what = `CrossCorrelogramItem (units ${this.unitId1}, ${this.unitId2})`;
    return {
      unitId1: this.unitId1,
      unitId2: this.unitId2,
      binEdgesSec: arrayJson(this.binEdgesSec, `${what} binEdgesSec`, options),
      binCounts: arrayJson(this.binCounts, `${what} binCounts`, options),
    };
  }
}

/**
 * A matrix of cross-correlograms of the selected units (Python's
 * `vv.CrossCorrelograms(cross_correlograms, hide_unit_selector=False)`). Data:
 * `{type: 'CrossCorrelograms', crossCorrelograms: [{unitId1, unitId2, binEdgesSec, binCounts}], hideUnitSelector}`.
 *
 * @example
 * new vv.CrossCorrelograms({ crossCorrelograms: items, hideUnitSelector: false });
 */
export class CrossCorrelograms extends View {
  readonly crossCorrelograms: readonly CrossCorrelogramItem[];
  readonly hideUnitSelector: boolean;

  constructor(options: {
    crossCorrelograms: readonly CrossCorrelogramItem[];
    hideUnitSelector?: boolean | undefined;
  }) {
    super('CrossCorrelograms');
    const o = checkOptions(options, 'CrossCorrelograms', '{ crossCorrelograms: […] }');
    this.crossCorrelograms = checkInstances(
      o.crossCorrelograms,
      CrossCorrelogramItem,
      'CrossCorrelograms crossCorrelograms',
    );
    this.hideUnitSelector = optional(o.hideUnitSelector, 'CrossCorrelograms hideUnitSelector', checkBoolean) ?? false;
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    return {
      type: this.type,
      crossCorrelograms: this.crossCorrelograms.map((c) => c.toDict(options)),
      hideUnitSelector: this.hideUnitSelector,
    };
  }
}
