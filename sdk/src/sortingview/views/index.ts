/*
 * The views of Python's `sortingview.views` (imported there as `vv`), one class each, with the
 * same names. Constructors take the Python keyword arguments in camelCase as one options object
 * (`vv.RasterPlot(start_time_sec=0, …)` → `new vv.RasterPlot({ startTimeSec: 0, … })`); `toDict()`
 * gives the data Python's `to_dict()` gives, with the same field names.
 */
export type { ArrayInput, MatrixInput, ToDictOptions } from '../array-json.js';
export { type SortingviewUrlRequest, View, type ViewDict } from '../view.js';
export { AutocorrelogramItem, Autocorrelograms } from './autocorrelograms.js';
export {
  AverageWaveformItem,
  type AverageWaveformItemOptions,
  AverageWaveforms,
  type AverageWaveformsOptions,
} from './average-waveforms.js';
export { Box, type BoxOptions } from './box.js';
export {
  ConfusionMatrix,
  type ConfusionMatrixOptions,
  MatchingUnitEventCount,
  UnitEventCount,
} from './confusion-matrix.js';
export { CrossCorrelogramItem, CrossCorrelograms } from './cross-correlograms.js';
export { ElectrodeGeometry } from './electrode-geometry.js';
export { GenericView } from './generic-view.js';
export { Image } from './image.js';
export { type Direction, LayoutItem, type LayoutItemOptions, type LayoutItemProperties } from './layout-item.js';
export { LayoutView } from './layout-view.js';
export { Markdown } from './markdown.js';
export { MountainLayout, MountainLayoutItem, type MountainLayoutItemOptions } from './mountain-layout.js';
export { PositionPlot, type PositionPlotOptions } from './position-plot.js';
export { type HighlightIntervals, RasterPlot, RasterPlotItem, type RasterPlotOptions } from './raster-plot.js';
export { SortingCuration2 } from './sorting-curation-2.js';
export { SortingSelection } from './sorting-selection.js';
export { SortingSummary, type SortingSummaryOptions } from './sorting-summary.js';
export { SpikeAmplitudes, SpikeAmplitudesItem, type SpikeAmplitudesOptions } from './spike-amplitudes.js';
export { Splitter, type SplitterOptions } from './splitter.js';
export { TabLayout, TabLayoutItem } from './tab-layout.js';
export { TimeseriesGraph, type TimeseriesGraphOptions, type TimesInput } from './timeseries-graph.js';
export { UnitLocations, UnitLocationsItem } from './unit-locations.js';
export { UnitMetricsGraph, UnitMetricsGraphMetric, UnitMetricsGraphUnit } from './unit-metrics-graph.js';
export {
  UnitSimilarityMatrix,
  type UnitSimilarityMatrixOptions,
  UnitSimilarityScore,
} from './unit-similarity-matrix.js';
export {
  type ColumnDtype,
  UnitsTable,
  UnitsTableColumn,
  type UnitsTableOptions,
  UnitsTableRow,
} from './units-table.js';
