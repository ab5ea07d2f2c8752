/**
 * The fields of each view type the builders make, besides `type`, as the sortingview plugin
 * reads them (`gui/src/libraries/**\/<X>ViewData.ts`; most of its checks refuse unknown fields).
 * Used to check view data given inline (`figurl figure sortingview`) before it is stored.
 */
export const viewFields: Readonly<Record<string, { required: readonly string[]; optional: readonly string[] }>> = {
  Autocorrelograms: { required: ['autocorrelograms'], optional: [] },
  AverageWaveforms: {
    required: ['averageWaveforms'],
    optional: ['channelLocations', 'samplingFrequency', 'noiseLevel', 'showReferenceProbe'],
  },
  ConfusionMatrix: {
    required: ['sorting1UnitIds', 'sorting2UnitIds', 'unitEventCounts', 'matchingUnitEventCounts'],
    optional: [],
  },
  CrossCorrelograms: { required: ['crossCorrelograms'], optional: ['hideUnitSelector'] },
  ElectrodeGeometry: { required: ['channelLocations'], optional: [] },
  Image: { required: ['url'], optional: [] },
  Markdown: { required: ['source'], optional: [] },
  PositionPlot: { required: ['timeOffset', 'timestamps', 'positions', 'dimensionLabels'], optional: ['discontinuous'] },
  RasterPlot: { required: ['startTimeSec', 'endTimeSec', 'plots'], optional: ['highlightIntervals', 'hideToolbar'] },
  SortingCuration2: { required: [], optional: ['labelChoices'] },
  SortingSelection: { required: [], optional: [] },
  SpikeAmplitudes: {
    required: ['startTimeSec', 'endTimeSec', 'units'],
    optional: ['hideUnitSelector', 'hideToolbar'],
  },
  Summary: {
    required: [
      'recordingDescription',
      'sortingDescription',
      'unitIds',
      'channelIds',
      'samplingFrequency',
      'numFrames',
      'numSegments',
      'channelLocations',
      'noiseLevel',
    ],
    optional: ['recordingObject', 'sortingObject'],
  },
  TimeseriesGraph: {
    required: ['datasets', 'series'],
    optional: ['timeOffset', 'legendOpts', 'yRange', 'gridlineOpts', 'hideToolbar'],
  },
  UnitLocations: { required: ['units', 'channelLocations'], optional: ['disableAutoRotate'] },
  UnitMetricsGraph: { required: ['metrics', 'units'], optional: [] },
  UnitSimilarityMatrix: { required: ['unitIds', 'similarityScores'], optional: ['range'] },
  UnitsTable: { required: ['columns', 'rows'], optional: ['similarityScores'] },
};

/** Types that are layouts or containers, never a view's own data. */
export const layoutTypes: readonly string[] = ['Box', 'Splitter', 'TabLayout', 'Mountain', 'MountainLayout'];
