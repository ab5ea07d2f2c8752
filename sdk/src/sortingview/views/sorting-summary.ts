import { PythonFloat } from '../../canonical-json/index.js';
import type { UnitId } from '../../curation/index.js';
import { checkMatrixInput, type MatrixInput, matrixJson, type ToDictOptions } from '../array-json.js';
import {
  checkInteger,
  checkJsonObject,
  checkNumber,
  checkOptions,
  checkString,
  checkUnitIds,
  optional,
} from '../check-values.js';
import type { NdarrayJson } from '../encode-ndarray.js';
import { View, type ViewDict } from '../view.js';

export interface SortingSummaryOptions {
  recordingDescription: string;
  sortingDescription: string;
  /** Python's SpikeInterface recording and sorting objects; written only when given. */
  recordingObject?: object | undefined;
  sortingObject?: object | undefined;
  unitIds: readonly UnitId[];
  channelIds: readonly UnitId[];
  samplingFrequency: number;
  numFrames: number;
  numSegments: number;
  /** One row [x, y] per channel; stored as float32 `[channels, 2]`, as Python does. */
  channelLocations: MatrixInput;
  noiseLevel: number;
}

/**
 * The recording and the sorting in a few lines (Python's `vv.SortingSummary(…)`, whose type is
 * `Summary`). Data: `{type: 'Summary', recordingDescription, sortingDescription, unitIds,
 * channelIds, samplingFrequency, numFrames, numSegments, channelLocations, noiseLevel[,
 * recordingObject][, sortingObject]}`; the frequency and noise level are written as Python
 * floats (`30000.0`), as Python's `float()` does.
 *
 * @example
 * new vv.SortingSummary({ recordingDescription: 'synthetic', sortingDescription: 'ground truth',
 *   unitIds: [1, 2], channelIds: [1, 2], samplingFrequency: 30000, numFrames: 18_000_000, numSegments: 1,
 *   channelLocations: [[0, 0], [32, 10]], noiseLevel: 10 });
 */
export class SortingSummary extends View {
  readonly options: Readonly<Omit<SortingSummaryOptions, 'channelLocations'>> & { channelLocations: MatrixInput };

  constructor(options: SortingSummaryOptions) {
    super('Summary');
    const o = checkOptions(options, 'SortingSummary', '{ recordingDescription, sortingDescription, unitIds, … }');
    const recordingObject = optional(o.recordingObject, 'SortingSummary recordingObject', checkJsonObject);
    const sortingObject = optional(o.sortingObject, 'SortingSummary sortingObject', checkJsonObject);
    this.options = {
      recordingDescription: checkString(o.recordingDescription, 'SortingSummary recordingDescription'),
      sortingDescription: checkString(o.sortingDescription, 'SortingSummary sortingDescription'),
      ...(recordingObject === undefined ? {} : { recordingObject }),
      ...(sortingObject === undefined ? {} : { sortingObject }),
      unitIds: checkUnitIds(o.unitIds, 'SortingSummary unitIds'),
      channelIds: checkUnitIds(o.channelIds, 'SortingSummary channelIds'),
      samplingFrequency: checkNumber(o.samplingFrequency, 'SortingSummary samplingFrequency'),
      numFrames: checkInteger(o.numFrames, 'SortingSummary numFrames'),
      numSegments: checkInteger(o.numSegments, 'SortingSummary numSegments'),
      channelLocations: toFloat32Rows(checkMatrixInput(o.channelLocations, 'SortingSummary channelLocations')),
      noiseLevel: checkNumber(o.noiseLevel, 'SortingSummary noiseLevel'),
    };
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    const s = this.options;
    return {
      type: this.type,
      recordingDescription: s.recordingDescription,
      sortingDescription: s.sortingDescription,
      ...(s.recordingObject === undefined ? {} : { recordingObject: s.recordingObject as ViewDict }),
      ...(s.sortingObject === undefined ? {} : { sortingObject: s.sortingObject as ViewDict }),
      unitIds: s.unitIds,
      channelIds: s.channelIds,
      samplingFrequency: new PythonFloat(s.samplingFrequency),
      numFrames: s.numFrames,
      numSegments: s.numSegments,
      channelLocations: matrixJson(s.channelLocations, 'SortingSummary channelLocations', options),
      noiseLevel: new PythonFloat(s.noiseLevel),
    };
  }
}

/** Python sends `channel_locations.astype(np.float32)`: rows become Float32Arrays. */
function toFloat32Rows(matrix: MatrixInput): MatrixInput {
  if (!Array.isArray(matrix)) return matrix as NdarrayJson;
  return (matrix as readonly ArrayLike<number>[]).map((row) => Float32Array.from(row));
}
