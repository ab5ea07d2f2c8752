import type { Matrix } from '../../../data/arrays.js';

/** Each channel's mean over its samples (the DC offset sortingview removes before drawing). */
export function channelMeans(m: Matrix): Float64Array {
  const means = new Float64Array(m.rows);
  for (let c = 0; c < m.rows; c++) {
    let sum = 0;
    for (let s = 0; s < m.cols; s++) sum += m.data[c * m.cols + s] as number;
    means[c] = m.cols > 0 ? sum / m.cols : 0;
  }
  return means;
}

/**
 * A channels × samples matrix minus per-channel offsets (the waveform's own means, so percentile
 * bands shift with their waveform).
 *
 * @example
 * subtractChannelMeans({ rows: 1, cols: 3, data: [1, 2, 3] }, channelMeans(...)); // data [-1, 0, 1]
 */
export function subtractChannelMeans(m: Matrix, means: Float64Array): Matrix {
  const data = new Float32Array(m.rows * m.cols);
  for (let c = 0; c < m.rows; c++) {
    const mean = means[c] as number;
    for (let s = 0; s < m.cols; s++) data[c * m.cols + s] = (m.data[c * m.cols + s] as number) - mean;
  }
  return { rows: m.rows, cols: m.cols, data };
}

/** The largest absolute value over some matrices (1 when all are zero, so scales stay finite). */
export function peakAmplitude(matrices: Iterable<Matrix>): number {
  let peak = 0;
  for (const m of matrices) {
    for (let i = 0; i < m.data.length; i++) peak = Math.max(peak, Math.abs(m.data[i] as number));
  }
  return peak > 0 ? peak : 1;
}
