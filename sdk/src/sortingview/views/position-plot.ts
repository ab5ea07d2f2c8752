import { PythonFloat } from '../../canonical-json/index.js';
import { FigurlError } from '../../errors/index.js';
import { checkMatrixInput, type MatrixInput, matrixJson, type ToDictOptions } from '../array-json.js';
import { checkBoolean, checkList, checkNumber, checkOptions, checkString, invalid, optional } from '../check-values.js';
import { type EncodableArray, encodeNdarray, findDtype } from '../encode-ndarray.js';
import { View, type ViewDict } from '../view.js';

export interface PositionPlotOptions {
  /** Seconds, any precision: stored as float32 relative to the first (`timeOffset`). */
  timestamps: EncodableArray | readonly number[];
  /** One row per timestamp, one value per dimension (a typed array or number list for one dimension). */
  positions: MatrixInput | EncodableArray;
  dimensionLabels: readonly string[];
  /** Keep at most about this many samples per second (Python's `subsampling_frequency`). */
  subsamplingFrequency?: number | undefined;
  discontinuous?: boolean | undefined;
}

/**
 * Position over time, one line per dimension (Python's `vv.PositionPlot(timestamps=…,
 * positions=…, dimension_labels=…, subsampling_frequency=…, discontinuous=…)`). Data:
 * `{type: 'PositionPlot', timeOffset, timestamps (float32, minus timeOffset), positions [N][D],
 * dimensionLabels, discontinuous}`.
 *
 * @example
 * new vv.PositionPlot({ timestamps, positions: xs.map((x, i) => [x, ys[i]]), dimensionLabels: ['x', 'y'] });
 */
export class PositionPlot extends View {
  readonly timestamps: ArrayLike<number>;
  readonly positions: MatrixInput;
  readonly dimensionLabels: readonly string[];
  readonly subsamplingFrequency: number | undefined;
  readonly discontinuous: boolean;

  constructor(options: PositionPlotOptions) {
    super('PositionPlot');
    const o = checkOptions(options, 'PositionPlot', "{ timestamps, positions, dimensionLabels: ['x', 'y'] }");
    const timestamps = o.timestamps;
    if (!(Array.isArray(timestamps) || findDtype(timestamps) !== null) || (timestamps as unknown[]).length === 0) {
      throw invalid('PositionPlot timestamps', timestamps, 'a non-empty typed array or list of numbers');
    }
    this.timestamps = timestamps as ArrayLike<number>;
    const positions = o.positions;
    // One dimension given as a flat array: a column, as Python reshapes it to (N, 1).
    this.positions =
      findDtype(positions) !== null
        ? Array.from(positions as EncodableArray, (v) => columnOf(positions as EncodableArray, v))
        : checkMatrixInput(positions, 'PositionPlot positions');
    this.dimensionLabels = checkList(o.dimensionLabels, 'PositionPlot dimensionLabels').map((label, i) =>
      checkString(label, `PositionPlot dimensionLabels[${i}]`),
    );
    const shape = shapeOf(this.positions);
    if (shape[0] !== this.timestamps.length) {
      throw invalid('PositionPlot positions', `${shape[0]} rows`, `one per timestamp (${this.timestamps.length})`);
    }
    if (shape[1] !== this.dimensionLabels.length && shape[0] > 0) {
      throw invalid('PositionPlot dimensionLabels', this.dimensionLabels, `one label per dimension (${shape[1]})`);
    }
    this.subsamplingFrequency = optional(o.subsamplingFrequency, 'PositionPlot subsamplingFrequency', checkNumber);
    if (this.subsamplingFrequency !== undefined && !Array.isArray(this.positions)) {
      throw invalid('PositionPlot positions', 'an encoded ndarray', 'rows when subsamplingFrequency is given');
    }
    this.discontinuous = optional(o.discontinuous, 'PositionPlot discontinuous', checkBoolean) ?? false;
  }

  toDict(options: ToDictOptions = {}): ViewDict {
    let indices: number[] | null = null;
    if (this.subsamplingFrequency !== undefined) indices = subsampleIndices(this.timestamps, this.subsamplingFrequency);
    const times = indices === null ? Array.from(this.timestamps) : indices.map((i) => this.timestamps[i] as number);
    const positions = indices === null ? this.positions : indices.map((i) => (this.positions as MatrixRows)[i] as Row);
    const timeOffset = times[0] as number;
    return {
      type: this.type,
      timeOffset: new PythonFloat(timeOffset),
      timestamps: encodeNdarray(Float32Array.from(times, (t) => t - timeOffset)),
      positions: matrixJson(positions, 'PositionPlot positions', options),
      dimensionLabels: this.dimensionLabels,
      discontinuous: this.discontinuous,
    };
  }
}

/** A one-value row of the flat array's own type (float64 stays float64, and is refused as Python refuses it). */
function columnOf(like: EncodableArray, value: number): EncodableArray {
  const row = new (like.constructor as new (length: number) => EncodableArray)(1);
  row[0] = value;
  return row;
}

type Row = EncodableArray | readonly number[];
type MatrixRows = readonly Row[];

function shapeOf(matrix: MatrixInput): [number, number] {
  if (Array.isArray(matrix)) return [matrix.length, (matrix[0] as Row | undefined)?.length ?? 0];
  const shape = (matrix as { shape: number[] }).shape;
  if (shape.length !== 2)
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid PositionPlot positions shape [${shape}]: expected [samples, dimensions]`,
    );
  return [shape[0] as number, shape[1] as number];
}

/** Python's `_get_subsample_inds`: keep a sample once at least 0.95 / frequency has passed since the last kept. */
function subsampleIndices(timestamps: ArrayLike<number>, frequency: number): number[] {
  const dt = 1 / frequency;
  const kept: number[] = [];
  let last = (timestamps[0] as number) - dt * 2;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i] as number;
    if (t - last >= dt * 0.95) {
      kept.push(i);
      last = t;
    }
  }
  return kept;
}
