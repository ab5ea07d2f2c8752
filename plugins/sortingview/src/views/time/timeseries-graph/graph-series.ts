import type { NumberList } from '../sorted-range.js';

export type GraphSeriesType = 'line' | 'marker' | 'interval';

/**
 * One drawable series of a time graph, resolved from its dataset: `t` in the data's own time
 * (absolute time = t + the view's time offset), ascending for lines and markers; for intervals
 * `t` interleaves starts and ends and `y` is 0 at starts, 1 at ends (sortingview's encoding).
 */
export interface GraphSeries {
  type: GraphSeriesType;
  t: NumberList;
  y: NumberList;
  color: string;
  width: number;
  dash: number[] | undefined;
  radius: number;
  shape: 'circle' | 'square';
  title: string | undefined;
}

export type LegendLocation = 'northwest' | 'northeast';
