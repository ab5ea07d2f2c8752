import type { UnitId } from '../../curation/index.js';
import { type ArrayInput, arrayJson, checkArrayInput, lengthOf, type ToDictOptions } from '../array-json.js';
import {
  checkBoolean,
  checkInstances,
  checkNumber,
  checkOptions,
  checkUnitId,
  invalid,
  optional,
} from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * One unit's spike amplitudes over time (Python's `vv.SpikeAmplitudesItem(unit_id,
 * spike_times_sec, spike_amplitudes)`); both arrays the same length.
 *
 * @example
 * new vv.SpikeAmplitudesItem({ unitId: 3, spikeTimesSec: new Float32Array([0.5]), spikeAmplitudes: new Float32Array([-84.5]) });
 */
export class SpikeAmplitudesItem {
  readonly unitId: UnitId;
  readonly spikeTimesSec: ArrayInput;
  readonly spikeAmplitudes: ArrayInput;

  constructor(options: { unitId: UnitId; spikeTimesSec: ArrayInput; spikeAmplitudes: ArrayInput }) {
    const o = checkOptions(options, 'SpikeAmplitudesItem', '{ unitId: 3, spikeTimesSec, spikeAmplitudes }');
    this.unitId = checkUnitId(o.unitId, 'SpikeAmplitudesItem unitId');
    const what = `SpikeAmplitudesItem (unit ${this.unitId})`;
    this.spikeTimesSec = checkArrayInput(o.spikeTimesSec, `${what} spikeTimesSec`);
    this.spikeAmplitudes = checkArrayInput(o.spikeAmplitudes, `${what} spikeAmplitudes`);
    const [times, amplitudes] = [lengthOf(this.spikeTimesSec), lengthOf(this.spikeAmplitudes)];
    if (times !== amplitudes) {
      throw invalid(`${what} spikeAmplitudes`, `${amplitudes} values`, `one per spike time (${times})`);
    }
  }

  toDict(options: ToDictOptions = {}) {
    const what = `SpikeAmplitudesItem (unit ${this.unitId})`;
    return {
      unitId: this.unitId,
      spikeTimesSec: arrayJson(this.spikeTimesSec, `${what} spikeTimesSec`, options),
      spikeAmplitudes: arrayJson(this.spikeAmplitudes, `${what} spikeAmplitudes`, options),
    };
  }
}

export interface SpikeAmplitudesOptions {
  startTimeSec: number;
  endTimeSec: number;
  plots: readonly SpikeAmplitudesItem[];
  hideUnitSelector?: boolean | undefined;
  hideToolbar?: boolean | undefined;
}

/**
 * Amplitude against time for the selected units (Python's `vv.SpikeAmplitudes(start_time_sec=…,
 * end_time_sec=…, plots=[…], hide_unit_selector=False)`). Data: `{type: 'SpikeAmplitudes',
 * startTimeSec, endTimeSec, units: [{unitId, spikeTimesSec, spikeAmplitudes}], hideUnitSelector[, hideToolbar]}`.
 *
 * @example
 * new vv.SpikeAmplitudes({ startTimeSec: 0, endTimeSec: 600, plots: [item] });
 */
export class SpikeAmplitudes extends View {
  readonly startTimeSec: number;
  readonly endTimeSec: number;
  readonly plots: readonly SpikeAmplitudesItem[];
  readonly hideUnitSelector: boolean;
  readonly hideToolbar: boolean | undefined;

  constructor(options: SpikeAmplitudesOptions) {
    super('SpikeAmplitudes');
    const o = checkOptions(options, 'SpikeAmplitudes', '{ startTimeSec: 0, endTimeSec: 600, plots: […] }');
    this.startTimeSec = checkNumber(o.startTimeSec, 'SpikeAmplitudes startTimeSec');
    this.endTimeSec = checkNumber(o.endTimeSec, 'SpikeAmplitudes endTimeSec');
    this.plots = checkInstances(o.plots, SpikeAmplitudesItem, 'SpikeAmplitudes plots');
    this.hideUnitSelector = optional(o.hideUnitSelector, 'SpikeAmplitudes hideUnitSelector', checkBoolean) ?? false;
    this.hideToolbar = optional(o.hideToolbar, 'SpikeAmplitudes hideToolbar', checkBoolean);
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    return {
      type: this.type,
      startTimeSec: this.startTimeSec,
      endTimeSec: this.endTimeSec,
      units: this.plots.map((p) => p.toDict(options)),
      hideUnitSelector: this.hideUnitSelector,
      ...(this.hideToolbar === undefined ? {} : { hideToolbar: this.hideToolbar }),
    };
  }
}
