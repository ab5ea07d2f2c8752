import type { View } from '../view.js';
import {
  AutocorrelogramItem,
  Autocorrelograms,
  AverageWaveformItem,
  AverageWaveforms,
  CrossCorrelogramItem,
  CrossCorrelograms,
  ElectrodeGeometry,
  MountainLayout,
  MountainLayoutItem,
  RasterPlot,
  RasterPlotItem,
  SortingCuration2,
  SortingSelection,
  SortingSummary,
  SpikeAmplitudes,
  SpikeAmplitudesItem,
  UnitLocations,
  UnitLocationsItem,
  UnitMetricsGraph,
  UnitMetricsGraphMetric,
  UnitMetricsGraphUnit,
  UnitSimilarityMatrix,
  UnitSimilarityScore,
  UnitsTable,
  UnitsTableColumn,
  UnitsTableRow,
} from '../views/index.js';
import { computeCorrelogram } from './compute-correlogram.js';
import { createDemoSorting, type DemoSorting } from './create-demo-sorting.js';
import { estimateNoiseLevel, summarizeUnits, templateSimilarity, type UnitSummary } from './summarize-units.js';

/** Rounded for the tables: the figure data need not carry 17 digits. */
const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The spike-sorting curation demo: a MountainLayout of every view of the synthetic sorting
 * (`createDemoSorting`), all computed from its spike trains and snippets, with the curation
 * and selection controls. About 2 MB of figure data; a fraction of a second to make.
 *
 * @example
 * const url = await createDemoSortingLayout().url({ label: 'Spike sorting curation (synthetic ground truth)', context });
 */
export function createDemoSortingLayout(sorting: DemoSorting = createDemoSorting()): MountainLayout {
  const noiseLevel = estimateNoiseLevel(sorting);
  const summaries = summarizeUnits(sorting, noiseLevel);
  const unitIds = sorting.units.map((u) => u.unitId);
  const durationSec = sorting.numFrames / sorting.samplingFrequency;
  const channelLocations = Object.fromEntries(
    sorting.probe.channelIds.map((id, c) => [String(id), sorting.probe.locations[c] as [number, number]]),
  );
  const similarities = similarityScores(summaries);
  const timesSec = (frames: Int32Array) => Float32Array.from(frames, (f) => f / sorting.samplingFrequency);

  const views: [string, View][] = [
    ['Summary', summaryView(sorting, noiseLevel)],
    ['Units table', unitsTable(summaries, similarities)],
    [
      'Raster plot',
      new RasterPlot({
        startTimeSec: 0,
        endTimeSec: durationSec,
        plots: sorting.units.map(
          (u) => new RasterPlotItem({ unitId: u.unitId, spikeTimesSec: timesSec(u.spikeFrames) }),
        ),
      }),
    ],
    ['Autocorrelograms', autocorrelograms(sorting)],
    ['Cross correlograms', crossCorrelograms(sorting)],
    [
      'Average waveforms',
      new AverageWaveforms({
        averageWaveforms: summaries.map(
          (s) =>
            new AverageWaveformItem({
              unitId: s.unitId,
              channelIds: s.neighborhood.map((c) => sorting.probe.channelIds[c] as number),
              waveform: s.neighborhood.map((c) => s.waveform[c] as Float32Array),
              waveformStdDev: s.neighborhood.map((c) => s.waveformStdDev[c] as Float32Array),
            }),
        ),
        channelLocations,
        samplingFrequency: sorting.samplingFrequency,
        noiseLevel: round(noiseLevel),
      }),
    ],
    [
      'Spike amplitudes',
      new SpikeAmplitudes({
        startTimeSec: 0,
        endTimeSec: durationSec,
        plots: sorting.units.map(
          (u) =>
            new SpikeAmplitudesItem({
              unitId: u.unitId,
              spikeTimesSec: timesSec(u.spikeFrames),
              spikeAmplitudes: u.amplitudes,
            }),
        ),
      }),
    ],
    ['Unit similarity matrix', new UnitSimilarityMatrix({ unitIds, similarityScores: similarities })],
    [
      'Unit locations',
      new UnitLocations({
        units: summaries.map((s) => new UnitLocationsItem({ unitId: s.unitId, x: round(s.x, 2), y: round(s.y, 2) })),
        channelLocations,
      }),
    ],
    ['Electrode geometry', new ElectrodeGeometry({ channelLocations })],
    ['Unit metrics', unitMetricsGraph(summaries)],
  ];
  return new MountainLayout({
    items: [
      ...views.map(([label, view]) => new MountainLayoutItem({ label, view })),
      new MountainLayoutItem({
        label: 'Curation',
        view: new SortingCuration2({ labelChoices: ['accept', 'reject', 'noise', 'artifact', 'mua'] }),
        isControl: true,
        controlHeight: 400,
      }),
      new MountainLayoutItem({ label: 'Selection', view: new SortingSelection(), isControl: true }),
    ],
  });
}

function summaryView(sorting: DemoSorting, noiseLevel: number): SortingSummary {
  return new SortingSummary({
    recordingDescription:
      'Synthetic: 10 minutes at 30 kHz on a 32-channel probe (two staggered columns, 20 µm pitch); ' +
      '14 neurons firing Poisson trains with a 2 ms refractory period, noise 10 µV.',
    sortingDescription:
      'Ground truth sorted into 16 units: one neuron split at random into two units, one whose amplitude ' +
      'drifts split in time. Find the two pairs to merge with the similarity matrix and the cross-correlograms.',
    unitIds: sorting.units.map((u) => u.unitId),
    channelIds: sorting.probe.channelIds,
    samplingFrequency: sorting.samplingFrequency,
    numFrames: sorting.numFrames,
    numSegments: 1,
    channelLocations: sorting.probe.locations,
    noiseLevel: round(noiseLevel),
  });
}

function similarityScores(summaries: readonly UnitSummary[]): UnitSimilarityScore[] {
  return summaries.flatMap((a) =>
    summaries.map(
      (b) =>
        new UnitSimilarityScore({
          unitId1: a.unitId,
          unitId2: b.unitId,
          similarity: round(templateSimilarity(a.waveform, b.waveform), 4),
        }),
    ),
  );
}

function unitsTable(summaries: readonly UnitSummary[], similarities: UnitSimilarityScore[]): UnitsTable {
  return new UnitsTable({
    columns: [
      new UnitsTableColumn({ key: 'numEvents', label: 'Num. events', dtype: 'int' }),
      new UnitsTableColumn({ key: 'firingRateHz', label: 'Firing rate (Hz)', dtype: 'float' }),
      new UnitsTableColumn({ key: 'snr', label: 'SNR', dtype: 'float' }),
    ],
    rows: summaries.map(
      (s) =>
        new UnitsTableRow({
          unitId: s.unitId,
          values: { numEvents: s.numEvents, firingRateHz: round(s.firingRateHz), snr: round(s.snr) },
        }),
    ),
    similarityScores: similarities.filter((s) => s.unitId1 !== s.unitId2),
  });
}

function autocorrelograms(sorting: DemoSorting): Autocorrelograms {
  return new Autocorrelograms({
    autocorrelograms: sorting.units.map(
      (u) =>
        new AutocorrelogramItem({
          unitId: u.unitId,
          ...computeCorrelogram({ frames1: u.spikeFrames, samplingFrequency: sorting.samplingFrequency }),
        }),
    ),
  });
}

function crossCorrelograms(sorting: DemoSorting): CrossCorrelograms {
  return new CrossCorrelograms({
    crossCorrelograms: sorting.units.flatMap((a) =>
      sorting.units.map(
        (b) =>
          new CrossCorrelogramItem({
            unitId1: a.unitId,
            unitId2: b.unitId,
            ...computeCorrelogram({
              frames1: a.spikeFrames,
              frames2: a === b ? undefined : b.spikeFrames,
              samplingFrequency: sorting.samplingFrequency,
            }),
          }),
      ),
    ),
  });
}

function unitMetricsGraph(summaries: readonly UnitSummary[]): UnitMetricsGraph {
  return new UnitMetricsGraph({
    metrics: [
      new UnitMetricsGraphMetric({ key: 'numEvents', label: 'Num. events', dtype: 'int' }),
      new UnitMetricsGraphMetric({ key: 'firingRateHz', label: 'Firing rate (Hz)', dtype: 'float' }),
      new UnitMetricsGraphMetric({ key: 'snr', label: 'SNR', dtype: 'float' }),
      new UnitMetricsGraphMetric({ key: 'amplitudeCv', label: 'Amplitude CV', dtype: 'float' }),
      new UnitMetricsGraphMetric({ key: 'halfWidthMs', label: 'Trough half-width (ms)', dtype: 'float' }),
    ],
    units: summaries.map(
      (s) =>
        new UnitMetricsGraphUnit({
          unitId: s.unitId,
          values: {
            numEvents: s.numEvents,
            firingRateHz: round(s.firingRateHz),
            snr: round(s.snr),
            amplitudeCv: round(s.amplitudeCv),
            halfWidthMs: round(s.halfWidthMs),
          },
        }),
    ),
  });
}
