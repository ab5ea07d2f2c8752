import type { ViewDefinition } from '../view-definition.js';
import { positionPlotView } from './position-plot/position-plot-view.js';
import { rasterPlotView } from './raster/raster-plot-view.js';
import { spikeAmplitudesView } from './spike-amplitudes/spike-amplitudes-view.js';
import { timeseriesGraphView } from './timeseries-graph/timeseries-graph-view.js';

/** The time views by figure-data `type`. */
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own data type.
export const timeViews: Record<string, ViewDefinition<any>> = {
  RasterPlot: rasterPlotView,
  SpikeAmplitudes: spikeAmplitudesView,
  TimeseriesGraph: timeseriesGraphView,
  PositionPlot: positionPlotView,
};
