import type { UnitId } from '../../curation/index.js';
import { type ArrayInput, arrayJson, checkArrayInput, type ToDictOptions } from '../array-json.js';
import {
  checkBoolean,
  checkInstances,
  checkList,
  checkNumber,
  checkOptions,
  checkUnitId,
  invalid,
  optional,
} from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * One unit's spike train (Python's `vv.RasterPlotItem(unit_id, spike_times_sec)`); a
 * Float32Array is stored as a float32 ndarray.
 *
 * @example
 * new vv.RasterPlotItem({ unitId: 3, spikeTimesSec: new Float32Array([0.012, 0.35, 1.7]) });
 */
export class RasterPlotItem {
  readonly unitId: UnitId;
  readonly spikeTimesSec: ArrayInput;

  constructor(options: { unitId: UnitId; spikeTimesSec: ArrayInput }) {
    const o = checkOptions(options, 'RasterPlotItem', '{ unitId: 3, spikeTimesSec: new Float32Array([…]) }');
    this.unitId = checkUnitId(o.unitId, 'RasterPlotItem unitId');
    this.spikeTimesSec = checkArrayInput(o.spikeTimesSec, `RasterPlotItem (unit ${this.unitId}) spikeTimesSec`);
  }

  toDict(options: ToDictOptions = {}) {
    const what = `RasterPlotItem (unit ${this.unitId}) spikeTimesSec`;
    return { unitId: this.unitId, spikeTimesSec: arrayJson(this.spikeTimesSec, what, options) };
  }
}

/** Intervals drawn behind the spikes (ripples, trials…). */
export interface HighlightIntervals {
  intervalStarts: ArrayInput;
  intervalEnds: ArrayInput;
  /** `[r, g, b]` or `[r, g, b, a]`. */
  color?: readonly number[] | undefined;
}

export interface RasterPlotOptions {
  startTimeSec: number;
  endTimeSec: number;
  plots: readonly RasterPlotItem[];
  highlightIntervals?: readonly HighlightIntervals[] | undefined;
  hideToolbar?: boolean | undefined;
}

/**
 * Spike rasters, one row per unit (Python's `vv.RasterPlot(start_time_sec=…, end_time_sec=…,
 * plots=[…])`). Data: `{type: 'RasterPlot', startTimeSec, endTimeSec, plots: [{unitId,
 * spikeTimesSec}][, highlightIntervals][, hideToolbar]}`.
 *
 * @example
 * new vv.RasterPlot({ startTimeSec: 0, endTimeSec: 600, plots: [new vv.RasterPlotItem({ unitId: 1, spikeTimesSec })] });
 */
export class RasterPlot extends View {
  readonly startTimeSec: number;
  readonly endTimeSec: number;
  readonly plots: readonly RasterPlotItem[];
  readonly highlightIntervals: readonly HighlightIntervals[] | undefined;
  readonly hideToolbar: boolean | undefined;

  constructor(options: RasterPlotOptions) {
    super('RasterPlot');
    const o = checkOptions(options, 'RasterPlot', '{ startTimeSec: 0, endTimeSec: 600, plots: […] }');
    this.startTimeSec = checkNumber(o.startTimeSec, 'RasterPlot startTimeSec');
    this.endTimeSec = checkNumber(o.endTimeSec, 'RasterPlot endTimeSec');
    this.plots = checkInstances(o.plots, RasterPlotItem, 'RasterPlot plots');
    this.highlightIntervals = optional(o.highlightIntervals, 'RasterPlot highlightIntervals', checkHighlights);
    this.hideToolbar = optional(o.hideToolbar, 'RasterPlot hideToolbar', checkBoolean);
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    return {
      type: this.type,
      startTimeSec: this.startTimeSec,
      endTimeSec: this.endTimeSec,
      plots: this.plots.map((p) => p.toDict(options)),
      ...(this.highlightIntervals === undefined
        ? {}
        : {
            highlightIntervals: this.highlightIntervals.map((h, i) => ({
              intervalStarts: arrayJson(
                h.intervalStarts,
                `RasterPlot highlightIntervals[${i}].intervalStarts`,
                options,
              ),
              intervalEnds: arrayJson(h.intervalEnds, `RasterPlot highlightIntervals[${i}].intervalEnds`, options),
              ...(h.color === undefined ? {} : { color: h.color }),
            })),
          }),
      ...(this.hideToolbar === undefined ? {} : { hideToolbar: this.hideToolbar }),
    };
  }
}

function checkHighlights(value: unknown, what: string): HighlightIntervals[] {
  return checkList(value, what).map((set, i) => {
    const o = checkOptions(set, `${what}[${i}]`, '{ intervalStarts: [1.5], intervalEnds: [1.6] }');
    const intervalStarts = checkArrayInput(o.intervalStarts, `${what}[${i}].intervalStarts`);
    const intervalEnds = checkArrayInput(o.intervalEnds, `${what}[${i}].intervalEnds`);
    const color = optional(o.color, `${what}[${i}].color`, (c, w) => {
      const list = checkList(c, w);
      if (list.length < 3 || list.length > 4) throw invalid(w, c, '[r, g, b] or [r, g, b, a]');
      return list.map((n, j) => checkNumber(n, `${w}[${j}]`));
    });
    return { intervalStarts, intervalEnds, ...(color === undefined ? {} : { color }) };
  });
}
