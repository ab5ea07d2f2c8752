import { NdArray } from '@figurl/sdk/protocol';
import { type Matrix, type NumericVector, toMatrix, toVector } from '../../../data/arrays.js';
import {
  checkType,
  readList,
  readOptionalBoolean,
  readOptionalNumber,
  readRecord,
  readString,
} from '../parse-fields.js';

/** `PositionPlot` figure data, checked: `positions` is N × D, one row per timestamp. */
export interface PositionPlotData {
  timeOffset: number;
  timestamps: NumericVector;
  positions: Matrix;
  dimensionLabels: string[];
  discontinuous: boolean;
}

/** A 1-D position array (Python reshapes it to N × 1; older data may not have). */
function readPositions(value: unknown): Matrix {
  if (value instanceof NdArray && value.shape.length === 1) return { rows: value.size, cols: 1, data: value.data };
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) {
    return { rows: value.length, cols: 1, data: toVector(value, 'positions') };
  }
  return toMatrix(value, 'positions');
}

/**
 * Checks `{type:'PositionPlot', timeOffset, timestamps, positions:[N][D], dimensionLabels,
 * discontinuous?}` (ndarrays already decoded).
 */
export function parsePositionPlot(raw: unknown): PositionPlotData {
  const record = readRecord(raw, 'PositionPlot data');
  checkType(record, 'PositionPlot');
  const timestamps = toVector(record.timestamps, 'timestamps');
  const positions = readPositions(record.positions);
  if (positions.rows !== timestamps.length) {
    throw new Error(
      `invalid positions: expected one row per timestamp (${timestamps.length}), got ${positions.rows} rows`,
    );
  }
  const labels =
    record.dimensionLabels === undefined || record.dimensionLabels === null
      ? []
      : readList(record.dimensionLabels, 'dimensionLabels').map((label, i) =>
          readString(label, `dimensionLabels[${i}]`),
        );
  if (labels.length > positions.cols) {
    throw new Error(
      `invalid dimensionLabels: expected at most ${positions.cols} labels (one per column), got ${labels.length}`,
    );
  }
  return {
    timeOffset: readOptionalNumber(record.timeOffset, 'timeOffset') ?? 0,
    timestamps,
    positions,
    dimensionLabels: Array.from({ length: positions.cols }, (_, d) => labels[d] ?? `dimension ${d}`),
    discontinuous: readOptionalBoolean(record.discontinuous, 'discontinuous'),
  };
}
