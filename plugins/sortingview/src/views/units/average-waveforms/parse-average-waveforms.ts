import { NdArray } from '@figurl/sdk/protocol';
import { type Matrix, toMatrix } from '../../../data/arrays.js';
import type { UnitId } from '../../../data/unit-id.js';
import { type Electrode, type ElectrodeId, toChannelLocations } from '../shared/electrodes.js';
import {
  type Fields,
  mapList,
  toFields,
  toOptionalBoolean,
  toOptionalNumber,
  toUnitId,
  toUnitIds,
} from '../shared/fields.js';

export interface AverageWaveform {
  unitId: UnitId;
  channelIds: ElectrodeId[];
  /** channels × samples. */
  waveform: Matrix;
  waveformStdDev?: Matrix | undefined;
  /** 2 (one band) or 4 (outer and inner bands) arrays, each channels × samples. */
  waveformPercentiles?: Matrix[] | undefined;
}

export interface AverageWaveformsData {
  averageWaveforms: AverageWaveform[];
  /** Channel positions when given: the geometry layout draws each channel's trace at its electrode. */
  electrodes: Electrode[] | undefined;
  samplingFrequency: number | undefined;
  noiseLevel: number | undefined;
  showReferenceProbe: boolean;
}

/**
 * A waveform-shaped matrix as channels × samples. sortingview's docstring says samples ×
 * channels but its builder sends the transpose; a matrix whose rows do not match the channel
 * count but whose columns do is taken as samples × channels and transposed.
 */
export function orientToChannels(m: Matrix, channelCount: number, what: string): Matrix {
  if (m.rows === channelCount) return m;
  if (m.cols === channelCount) {
    const data = new Float32Array(m.rows * m.cols);
    for (let s = 0; s < m.rows; s++) {
      for (let c = 0; c < m.cols; c++) data[c * m.rows + s] = m.data[s * m.cols + c] as number;
    }
    return { rows: m.cols, cols: m.rows, data };
  }
  throw new Error(
    `invalid ${what}: expected ${channelCount} rows (one per channel id), got a ${m.rows}×${m.cols} array`,
  );
}

function toPercentiles(value: unknown, what: string): Matrix[] {
  let matrices: Matrix[];
  if (value instanceof NdArray && value.shape.length === 3) {
    const [k = 0, rows = 0, cols = 0] = value.shape;
    matrices = Array.from({ length: k }, (_, i) => ({
      rows,
      cols,
      data: value.data.subarray(i * rows * cols, (i + 1) * rows * cols),
    }));
  } else {
    matrices = mapList(value, what, toMatrix);
  }
  if (matrices.length !== 2 && matrices.length !== 4) {
    throw new Error(`invalid ${what}: expected 2 or 4 percentile arrays, got ${matrices.length}`);
  }
  return matrices;
}

function toAverageWaveform(item: Fields, what: string): AverageWaveform {
  const unitId = toUnitId(item.unitId, `${what}.unitId`);
  const channelIds = toUnitIds(item.channelIds, `${what}.channelIds`);
  const n = channelIds.length;
  const waveform = orientToChannels(toMatrix(item.waveform, `${what}.waveform`), n, `${what}.waveform`);
  const sameShape = (m: Matrix, field: string) => {
    const oriented = orientToChannels(m, n, field);
    if (oriented.cols !== waveform.cols) {
      throw new Error(
        `invalid ${field}: expected ${waveform.cols} samples per channel like waveform, got ${oriented.cols}`,
      );
    }
    return oriented;
  };
  let waveformStdDev: Matrix | undefined;
  if (item.waveformStdDev !== undefined && item.waveformStdDev !== null) {
    const field = `${what}.waveformStdDev`;
    waveformStdDev = sameShape(toMatrix(item.waveformStdDev, field), field);
  }
  let waveformPercentiles: Matrix[] | undefined;
  if (item.waveformPercentiles !== undefined && item.waveformPercentiles !== null) {
    const field = `${what}.waveformPercentiles`;
    waveformPercentiles = toPercentiles(item.waveformPercentiles, field).map((m, i) => sameShape(m, `${field}[${i}]`));
  }
  return { unitId, channelIds, waveform, waveformStdDev, waveformPercentiles };
}

/**
 * `AverageWaveforms` figure data: `{averageWaveforms: [{unitId, channelIds, waveform,
 * waveformStdDev?, waveformPercentiles?}], channelLocations?, samplingFrequency?, noiseLevel?,
 * showReferenceProbe?}`.
 */
export function parseAverageWaveforms(raw: unknown): AverageWaveformsData {
  const data = toFields(raw, 'AverageWaveforms data');
  const averageWaveforms = mapList(data.averageWaveforms, 'averageWaveforms', (value, what) =>
    toAverageWaveform(toFields(value, what), what),
  );
  const hasLocations = data.channelLocations !== undefined && data.channelLocations !== null;
  return {
    averageWaveforms,
    electrodes: hasLocations ? toChannelLocations(data.channelLocations, 'channelLocations') : undefined,
    samplingFrequency: toOptionalNumber(data.samplingFrequency, 'samplingFrequency'),
    noiseLevel: toOptionalNumber(data.noiseLevel, 'noiseLevel'),
    showReferenceProbe: toOptionalBoolean(data.showReferenceProbe, 'showReferenceProbe') ?? false,
  };
}
