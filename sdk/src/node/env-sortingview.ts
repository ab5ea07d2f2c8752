import type { FigurlContext } from '../figures/figurl-context.js';
import * as pure from '../sortingview/views/index.js';
import { figurlFromEnv } from './figurl-from-env.js';

/*
 * The sortingview views for scripts: those of `@figurl/sdk`'s `vv`, except that `url()` without
 * a context reads the environment then (`figurlFromEnv()`), never at import. Each view class is
 * a subclass of the pure one, so `instanceof` and the constructors' types stay the same; the
 * items (RasterPlotItem, LayoutItem…) are the pure ones.
 */

// biome-ignore lint/suspicious/noExplicitAny: TypeScript's mixin pattern requires a constructor taking any[].
type ViewClass = abstract new (...args: any[]) => pure.View;

function fromEnv<C extends ViewClass>(Base: C): C {
  abstract class EnvView extends Base {
    protected override defaultContext(): FigurlContext {
      return figurlFromEnv();
    }
  }
  return EnvView;
}

export * from '../sortingview/views/index.js';

export const Autocorrelograms = fromEnv(pure.Autocorrelograms);
export type Autocorrelograms = pure.Autocorrelograms;
export const AverageWaveforms = fromEnv(pure.AverageWaveforms);
export type AverageWaveforms = pure.AverageWaveforms;
export const Box = fromEnv(pure.Box);
export type Box = pure.Box;
export const ConfusionMatrix = fromEnv(pure.ConfusionMatrix);
export type ConfusionMatrix = pure.ConfusionMatrix;
export const CrossCorrelograms = fromEnv(pure.CrossCorrelograms);
export type CrossCorrelograms = pure.CrossCorrelograms;
export const ElectrodeGeometry = fromEnv(pure.ElectrodeGeometry);
export type ElectrodeGeometry = pure.ElectrodeGeometry;
export const GenericView = fromEnv(pure.GenericView);
export type GenericView = pure.GenericView;
export const Image = fromEnv(pure.Image);
export type Image = pure.Image;
export const Markdown = fromEnv(pure.Markdown);
export type Markdown = pure.Markdown;
export const MountainLayout = fromEnv(pure.MountainLayout);
export type MountainLayout = pure.MountainLayout;
export const PositionPlot = fromEnv(pure.PositionPlot);
export type PositionPlot = pure.PositionPlot;
export const RasterPlot = fromEnv(pure.RasterPlot);
export type RasterPlot = pure.RasterPlot;
export const SortingCuration2 = fromEnv(pure.SortingCuration2);
export type SortingCuration2 = pure.SortingCuration2;
export const SortingSelection = fromEnv(pure.SortingSelection);
export type SortingSelection = pure.SortingSelection;
export const SortingSummary = fromEnv(pure.SortingSummary);
export type SortingSummary = pure.SortingSummary;
export const SpikeAmplitudes = fromEnv(pure.SpikeAmplitudes);
export type SpikeAmplitudes = pure.SpikeAmplitudes;
export const Splitter = fromEnv(pure.Splitter);
export type Splitter = pure.Splitter;
export const TabLayout = fromEnv(pure.TabLayout);
export type TabLayout = pure.TabLayout;
export const TimeseriesGraph = fromEnv(pure.TimeseriesGraph);
export type TimeseriesGraph = pure.TimeseriesGraph;
export const UnitLocations = fromEnv(pure.UnitLocations);
export type UnitLocations = pure.UnitLocations;
export const UnitMetricsGraph = fromEnv(pure.UnitMetricsGraph);
export type UnitMetricsGraph = pure.UnitMetricsGraph;
export const UnitSimilarityMatrix = fromEnv(pure.UnitSimilarityMatrix);
export type UnitSimilarityMatrix = pure.UnitSimilarityMatrix;
export const UnitsTable = fromEnv(pure.UnitsTable);
export type UnitsTable = pure.UnitsTable;
