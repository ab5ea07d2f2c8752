import { defineView, type ViewDefinition } from '../view-definition.js';
import { AverageWaveformsView } from './average-waveforms/average-waveforms-view.js';
import { parseAverageWaveforms } from './average-waveforms/parse-average-waveforms.js';
import { ConfusionMatrixView } from './confusion-matrix/confusion-matrix-view.js';
import { parseConfusionMatrix } from './confusion-matrix/parse-confusion-matrix.js';
import { AutocorrelogramsView } from './correlograms/autocorrelograms-view.js';
import { CrossCorrelogramsView } from './correlograms/cross-correlograms-view.js';
import { parseAutocorrelograms } from './correlograms/parse-autocorrelograms.js';
import { parseCrossCorrelograms } from './correlograms/parse-cross-correlograms.js';
import { ElectrodeGeometryView } from './electrode-geometry/electrode-geometry-view.js';
import { parseElectrodeGeometry } from './electrode-geometry/parse-electrode-geometry.js';
import { ImageView } from './images/image-view.js';
import { parseImage } from './images/parse-image.js';
import { parseUnitImages } from './images/parse-unit-images.js';
import { UnitImagesView } from './images/unit-images-view.js';
import { MarkdownView } from './markdown/markdown-view.js';
import { parseMarkdown } from './markdown/parse-markdown.js';
import { parseUnitSimilarityMatrix } from './similarity-matrix/parse-unit-similarity-matrix.js';
import { UnitSimilarityMatrixView } from './similarity-matrix/unit-similarity-matrix-view.js';
import { parseSummary } from './summary/parse-summary.js';
import { SummaryView } from './summary/summary-view.js';
import { parseUnitLocations } from './unit-locations/parse-unit-locations.js';
import { UnitLocationsView } from './unit-locations/unit-locations-view.js';
import { parseUnitMetricsGraph } from './unit-metrics-graph/parse-unit-metrics-graph.js';
import { UnitMetricsGraphView } from './unit-metrics-graph/unit-metrics-graph-view.js';

/** The units views (and sortingview's generic Markdown and Image) by figure-data `type`. */
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own data type.
export const unitViews: Record<string, ViewDefinition<any>> = {
  Autocorrelograms: defineView(parseAutocorrelograms, AutocorrelogramsView),
  CrossCorrelograms: defineView(parseCrossCorrelograms, CrossCorrelogramsView),
  AverageWaveforms: defineView(parseAverageWaveforms, AverageWaveformsView),
  UnitSimilarityMatrix: defineView(parseUnitSimilarityMatrix, UnitSimilarityMatrixView),
  UnitLocations: defineView(parseUnitLocations, UnitLocationsView),
  ElectrodeGeometry: defineView(parseElectrodeGeometry, ElectrodeGeometryView),
  UnitMetricsGraph: defineView(parseUnitMetricsGraph, UnitMetricsGraphView),
  ConfusionMatrix: defineView(parseConfusionMatrix, ConfusionMatrixView),
  Summary: defineView(parseSummary, SummaryView),
  Markdown: defineView(parseMarkdown, MarkdownView),
  Image: defineView(parseImage, ImageView),
  UnitImages: defineView(parseUnitImages, UnitImagesView),
};
