import type { Matrix, NumericVector } from '../../../data/arrays.js';
import { sortByTime } from '../sort-by-time.js';
import type { GraphSeries } from '../timeseries-graph/graph-series.js';

// One colour per dimension (x, y, z, …), as sortingview's position plot distinguishes them.
const dimensionColors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

/**
 * A position plot's dimensions as graph series: one per column of `positions`, a line, or dots
 * when the data is discontinuous (jumps such as linearised track segments must not be joined).
 */
export function toPositionSeries(options: {
  timestamps: NumericVector;
  positions: Matrix;
  dimensionLabels: readonly string[];
  discontinuous: boolean;
}): GraphSeries[] {
  const { timestamps, positions, dimensionLabels, discontinuous } = options;
  return Array.from({ length: positions.cols }, (_, d) => {
    const column = new Float64Array(positions.rows);
    for (let i = 0; i < positions.rows; i++) column[i] = positions.data[i * positions.cols + d] as number;
    const { times, values } = sortByTime(timestamps, column);
    return {
      type: discontinuous ? 'marker' : 'line',
      t: times,
      y: values,
      color: dimensionColors[d % dimensionColors.length] as string,
      width: 1.1,
      dash: undefined,
      radius: 1.5,
      shape: 'circle',
      title: dimensionLabels[d],
    } satisfies GraphSeries;
  });
}
