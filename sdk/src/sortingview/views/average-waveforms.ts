import type { UnitId } from '../../curation/index.js';
import { checkMatrixInput, type MatrixInput, matrixJson, type ToDictOptions } from '../array-json.js';
import {
  checkBoolean,
  checkChannelLocations,
  checkInstances,
  checkList,
  checkNumber,
  checkOptions,
  checkUnitId,
  checkUnitIds,
  invalid,
  optional,
} from '../check-values.js';
import { View, type ViewDict } from '../view.js';

export interface AverageWaveformItemOptions {
  unitId: UnitId;
  channelIds: readonly UnitId[];
  /** channels × samples: one row per channel of `channelIds` (what Python's builder sends, `waveform.T`). */
  waveform: MatrixInput;
  /** channels × samples, the standard deviation around `waveform`. */
  waveformStdDev?: MatrixInput | undefined;
  /** 2 or 4 arrays (channels × samples) bounding shaded bands; not with `waveformStdDev`. */
  waveformPercentiles?: readonly MatrixInput[] | undefined;
}

/**
 * One unit's average waveform (Python's `vv.AverageWaveformItem(unit_id, channel_ids, waveform,
 * waveform_std_dev=…, waveform_percentiles=…)`). Rows given as Float32Arrays are stored as one
 * float32 ndarray `[channels, samples]`.
 *
 * @example
 * new vv.AverageWaveformItem({ unitId: 3, channelIds: [1, 2], waveform: [new Float32Array(40), new Float32Array(40)] });
 */
export class AverageWaveformItem {
  readonly unitId: UnitId;
  readonly channelIds: readonly UnitId[];
  readonly waveform: MatrixInput;
  readonly waveformStdDev: MatrixInput | undefined;
  readonly waveformPercentiles: readonly MatrixInput[] | undefined;

  constructor(options: AverageWaveformItemOptions) {
    const o = checkOptions(options, 'AverageWaveformItem', '{ unitId: 3, channelIds: [1, 2], waveform: [row1, row2] }');
    this.unitId = checkUnitId(o.unitId, 'AverageWaveformItem unitId');
    const what = `AverageWaveformItem (unit ${this.unitId})`;
    this.channelIds = checkUnitIds(o.channelIds, `${what} channelIds`);
    this.waveform = checkMatrixInput(o.waveform, `${what} waveform`);
    this.waveformStdDev = optional(o.waveformStdDev, `${what} waveformStdDev`, checkMatrixInput);
    this.waveformPercentiles = optional(o.waveformPercentiles, `${what} waveformPercentiles`, (value, w) => {
      const list = checkList(value, w);
      if (list.length !== 2 && list.length !== 4) throw invalid(w, `${list.length} arrays`, '2 or 4 arrays');
      return list.map((p, i) => checkMatrixInput(p, `${w}[${i}]`));
    });
    if (this.waveformStdDev !== undefined && this.waveformPercentiles !== undefined) {
      throw invalid(`${what} waveformPercentiles`, 'given with waveformStdDev', 'one of them only');
    }
    const rows = Array.isArray(this.waveform) ? this.waveform.length : (this.waveform as { shape: number[] }).shape[0];
    if (rows !== this.channelIds.length) {
      throw invalid(
        `${what} waveform`,
        `${rows} rows`,
        `one row per channel of channelIds (${this.channelIds.length})`,
      );
    }
  }

  toDict(options: ToDictOptions = {}) {
    const what = `AverageWaveformItem (unit ${this.unitId})`;
    return {
      unitId: this.unitId,
      channelIds: this.channelIds,
      waveform: matrixJson(this.waveform, `${what} waveform`, options),
      ...(this.waveformStdDev === undefined
        ? {}
        : { waveformStdDev: matrixJson(this.waveformStdDev, `${what} waveformStdDev`, options) }),
      ...(this.waveformPercentiles === undefined
        ? {}
        : {
            waveformPercentiles: this.waveformPercentiles.map((p, i) =>
              matrixJson(p, `${what} waveformPercentiles[${i}]`, options),
            ),
          }),
    };
  }
}

export interface AverageWaveformsOptions {
  averageWaveforms: readonly AverageWaveformItem[];
  /** `{"<channelId>": [x, y]}`: draws the waveforms at the electrodes' places. */
  channelLocations?: Record<string, readonly number[] | Float32Array> | undefined;
  samplingFrequency?: number | undefined;
  noiseLevel?: number | undefined;
  showReferenceProbe?: boolean | undefined;
}

/**
 * A grid of average waveforms (Python's `vv.AverageWaveforms(average_waveforms,
 * channel_locations=…, show_reference_probe=…)`). Data: `{type: 'AverageWaveforms',
 * averageWaveforms: [{unitId, channelIds, waveform[, waveformStdDev | waveformPercentiles]}]
 * [, channelLocations][, samplingFrequency][, noiseLevel][, showReferenceProbe]}`.
 *
 * @example
 * new vv.AverageWaveforms({ averageWaveforms: [item], channelLocations: { '1': [0, 0], '2': [0, 20] }, samplingFrequency: 30000 });
 */
export class AverageWaveforms extends View {
  readonly averageWaveforms: readonly AverageWaveformItem[];
  readonly channelLocations: Record<string, number[]> | undefined;
  readonly samplingFrequency: number | undefined;
  readonly noiseLevel: number | undefined;
  readonly showReferenceProbe: boolean | undefined;

  constructor(options: AverageWaveformsOptions) {
    super('AverageWaveforms');
    const o = checkOptions(options, 'AverageWaveforms', '{ averageWaveforms: […] }');
    this.averageWaveforms = checkInstances(
      o.averageWaveforms,
      AverageWaveformItem,
      'AverageWaveforms averageWaveforms',
    );
    this.channelLocations = optional(o.channelLocations, 'AverageWaveforms channelLocations', checkChannelLocations);
    this.samplingFrequency = optional(o.samplingFrequency, 'AverageWaveforms samplingFrequency', checkNumber);
    this.noiseLevel = optional(o.noiseLevel, 'AverageWaveforms noiseLevel', checkNumber);
    this.showReferenceProbe = optional(o.showReferenceProbe, 'AverageWaveforms showReferenceProbe', checkBoolean);
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    return {
      type: this.type,
      averageWaveforms: this.averageWaveforms.map((a) => a.toDict(options)),
      ...(this.channelLocations === undefined ? {} : { channelLocations: this.channelLocations }),
      ...(this.samplingFrequency === undefined ? {} : { samplingFrequency: this.samplingFrequency }),
      ...(this.noiseLevel === undefined ? {} : { noiseLevel: this.noiseLevel }),
      ...(this.showReferenceProbe === undefined ? {} : { showReferenceProbe: this.showReferenceProbe }),
    };
  }
}
