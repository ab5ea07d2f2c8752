import { canonicalJson, deserializeNdarrays, encodeNdarray, vv } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';
import { viewFields } from '../../../sdk/src/sortingview/view-fields.js';

/** Canonical JSON parsed back: what the plugin receives (PythonFloat written as 30000.0 reads as 30000). */
const stored = (view: vv.View, options = {}) => JSON.parse(canonicalJson(view.toDict(options)));
const locations = { '1': [0, 0], '2': [32, 10] };

describe('the views’ data, field for field as sortingview’s Python writes it (reference §5)', () => {
  it('UnitsTable, with columns, rows and similarity scores', () => {
    const table = new vv.UnitsTable({
      columns: [new vv.UnitsTableColumn({ key: 'snr', label: 'SNR', dtype: 'float' })],
      rows: [new vv.UnitsTableRow({ unitId: 3, values: { snr: 11.2 } })],
      similarityScores: [new vv.UnitSimilarityScore({ unitId1: 3, unitId2: 'b', similarity: 0.5 })],
    });
    expect(table.toDict()).toEqual({
      type: 'UnitsTable',
      columns: [{ key: 'snr', label: 'SNR', dtype: 'float' }],
      rows: [{ unitId: 3, values: { snr: 11.2 } }],
      similarityScores: [{ unitId1: 3, unitId2: 'b', similarity: 0.5 }],
    });
    expect(Object.keys(new vv.UnitsTable({ columns: [], rows: [] }).toDict())).toEqual(['type', 'columns', 'rows']);
  });

  it('RasterPlot: typed arrays become float32 ndarrays, lists stay lists', async () => {
    const raster = new vv.RasterPlot({
      startTimeSec: 0,
      endTimeSec: 60,
      plots: [
        new vv.RasterPlotItem({ unitId: 1, spikeTimesSec: new Float32Array([0.5, 1.25]) }),
        new vv.RasterPlotItem({ unitId: 'x', spikeTimesSec: [2, 3.5] }),
      ],
      highlightIntervals: [{ intervalStarts: [1], intervalEnds: [2], color: [255, 0, 0, 0.3] }],
    });
    const dict = raster.toDict();
    expect(dict).toEqual({
      type: 'RasterPlot',
      startTimeSec: 0,
      endTimeSec: 60,
      plots: [
        { unitId: 1, spikeTimesSec: { _type: 'ndarray', shape: [2], dtype: 'float32', data_b64: 'AAAAPwAAoD8=' } },
        { unitId: 'x', spikeTimesSec: [2, 3.5] },
      ],
      highlightIntervals: [{ intervalStarts: [1], intervalEnds: [2], color: [255, 0, 0, 0.3] }],
    });
    expect(await deserializeNdarrays(dict.plots)).toEqual([
      { unitId: 1, spikeTimesSec: [0.5, 1.25] },
      { unitId: 'x', spikeTimesSec: [2, 3.5] },
    ]);
  });

  it('Autocorrelograms and CrossCorrelograms (hideUnitSelector always written, as Python does)', () => {
    const bins = { binEdgesSec: [-0.0015, -0.0005, 0.0005, 0.0015], binCounts: [4, 0, 4] };
    expect(
      new vv.Autocorrelograms({ autocorrelograms: [new vv.AutocorrelogramItem({ unitId: 1, ...bins })] }).toDict(),
    ).toEqual({
      type: 'Autocorrelograms',
      autocorrelograms: [{ unitId: 1, ...bins }],
    });
    const cross = new vv.CrossCorrelograms({
      crossCorrelograms: [new vv.CrossCorrelogramItem({ unitId1: 1, unitId2: 2, ...bins })],
    });
    expect(cross.toDict()).toEqual({
      type: 'CrossCorrelograms',
      crossCorrelograms: [{ unitId1: 1, unitId2: 2, ...bins }],
      hideUnitSelector: false,
    });
  });

  it('AverageWaveforms: channels × samples, rows of Float32Arrays in one ndarray', async () => {
    const view = new vv.AverageWaveforms({
      averageWaveforms: [
        new vv.AverageWaveformItem({
          unitId: 5,
          channelIds: [1, 2],
          waveform: [new Float32Array([0, -50, 10]), new Float32Array([0, -20, 4])],
          waveformStdDev: [
            [1, 2, 1],
            [1, 1, 1],
          ],
        }),
      ],
      channelLocations: locations,
      samplingFrequency: 30000,
      noiseLevel: 9.5,
    });
    const dict = view.toDict();
    const item = (dict.averageWaveforms as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(item.waveform).toMatchObject({ _type: 'ndarray', shape: [2, 3], dtype: 'float32' });
    expect(await deserializeNdarrays(dict)).toEqual({
      type: 'AverageWaveforms',
      averageWaveforms: [
        {
          unitId: 5,
          channelIds: [1, 2],
          waveform: [
            [0, -50, 10],
            [0, -20, 4],
          ],
          waveformStdDev: [
            [1, 2, 1],
            [1, 1, 1],
          ],
        },
      ],
      channelLocations: locations,
      samplingFrequency: 30000,
      noiseLevel: 9.5,
    });
  });

  it('SpikeAmplitudes writes its plots as units', () => {
    const view = new vv.SpikeAmplitudes({
      startTimeSec: 0,
      endTimeSec: 10,
      plots: [new vv.SpikeAmplitudesItem({ unitId: 1, spikeTimesSec: [0.5], spikeAmplitudes: [-80] })],
    });
    expect(view.toDict()).toEqual({
      type: 'SpikeAmplitudes',
      startTimeSec: 0,
      endTimeSec: 10,
      units: [{ unitId: 1, spikeTimesSec: [0.5], spikeAmplitudes: [-80] }],
      hideUnitSelector: false,
    });
  });

  it('UnitSimilarityMatrix, UnitLocations, ElectrodeGeometry, UnitMetricsGraph, ConfusionMatrix', () => {
    const score = new vv.UnitSimilarityScore({ unitId1: 1, unitId2: 2, similarity: 0.25 });
    expect(new vv.UnitSimilarityMatrix({ unitIds: [1, 2], similarityScores: [score], range: [0, 1] }).toDict()).toEqual(
      {
        type: 'UnitSimilarityMatrix',
        unitIds: [1, 2],
        similarityScores: [{ unitId1: 1, unitId2: 2, similarity: 0.25 }],
        range: [0, 1],
      },
    );
    const unitLocations = new vv.UnitLocations({
      units: [new vv.UnitLocationsItem({ unitId: 1, x: 3, y: 4.5 })],
      channelLocations: { '1': new Float32Array([0, 0]), '2': [32, 10] },
    });
    expect(unitLocations.toDict()).toEqual({
      type: 'UnitLocations',
      units: [{ unitId: 1, x: 3, y: 4.5 }],
      channelLocations: locations,
      disableAutoRotate: false,
    });
    expect(new vv.ElectrodeGeometry({ channelLocations: locations }).toDict()).toEqual({
      type: 'ElectrodeGeometry',
      channelLocations: locations,
    });
    const metrics = new vv.UnitMetricsGraph({
      metrics: [new vv.UnitMetricsGraphMetric({ key: 'snr', label: 'SNR', dtype: 'float' })],
      units: [new vv.UnitMetricsGraphUnit({ unitId: 1, values: { snr: 4 } })],
    });
    expect(metrics.toDict()).toEqual({
      type: 'UnitMetricsGraph',
      units: [{ unitId: 1, values: { snr: 4 } }],
      metrics: [{ key: 'snr', label: 'SNR', dtype: 'float' }],
    });
    const confusion = new vv.ConfusionMatrix({
      sorting1UnitIds: [1],
      sorting2UnitIds: ['a'],
      unitEventCounts: [new vv.UnitEventCount({ unitId: 1, count: 10 })],
      matchingUnitEventCounts: [new vv.MatchingUnitEventCount({ unitId1: 1, unitId2: 'a', count: 9 })],
    });
    expect(confusion.toDict()).toEqual({
      type: 'ConfusionMatrix',
      sorting1UnitIds: [1],
      sorting2UnitIds: ['a'],
      unitEventCounts: [{ unitId: 1, count: 10 }],
      matchingUnitEventCounts: [{ unitId1: 1, unitId2: 'a', count: 9 }],
    });
  });

  it('SortingSummary is type "Summary", channel locations float32, frequency and noise Python floats', async () => {
    const summary = new vv.SortingSummary({
      recordingDescription: 'r',
      sortingDescription: 's',
      unitIds: [1, 2],
      channelIds: [1, 2],
      samplingFrequency: 30000,
      numFrames: 600,
      numSegments: 1,
      channelLocations: [
        [0, 0],
        [32, 10],
      ],
      noiseLevel: 10,
    });
    const json = canonicalJson(summary.toDict());
    expect(json).toContain('"samplingFrequency":30000.0');
    expect(json).toContain('"noiseLevel":10.0');
    expect(JSON.parse(json).channelLocations).toMatchObject({ _type: 'ndarray', shape: [2, 2], dtype: 'float32' });
    expect(await deserializeNdarrays(stored(summary))).toEqual({
      type: 'Summary',
      recordingDescription: 'r',
      sortingDescription: 's',
      unitIds: [1, 2],
      channelIds: [1, 2],
      samplingFrequency: 30000,
      numFrames: 600,
      numSegments: 1,
      channelLocations: [
        [0, 0],
        [32, 10],
      ],
      noiseLevel: 10,
    });
  });

  it('TimeseriesGraph: double-precision times become float32 after a timeOffset, intervals interleave', async () => {
    const graph = new vv.TimeseriesGraph({ yRange: [0, 5], hideXGridlines: true })
      .addLineSeries({
        name: 'speed',
        t: Float64Array.from([1000.5, 1001, 1002]),
        y: new Float32Array([1, 2, 3]),
        color: 'blue',
        width: 2,
      })
      .addMarkerSeries({ name: 'licks', t: new Float32Array([1000.75]), y: [1], color: 'red', shape: 'square' })
      .addIntervalSeries({ name: 'trials', tStart: [1000.5, 1001.5], tEnd: [1001, 1002], color: 'orange' });
    const data = (await deserializeNdarrays(stored(graph))) as Record<string, unknown>;
    expect(data).toEqual({
      type: 'TimeseriesGraph',
      datasets: [
        { name: 'speed', data: { t: [0, 0.5, 1.5], y: [1, 2, 3] } },
        { name: 'licks', data: { t: [0.25], y: [1] } },
        { name: 'trials', data: { t: [0, 0.5, 1, 1.5], y: [0, 1, 0, 1] } },
      ],
      series: [
        {
          type: 'line',
          dataset: 'speed',
          encoding: { t: 't', y: 'y' },
          attributes: { color: 'blue', width: 2 },
          title: 'speed',
        },
        {
          type: 'marker',
          dataset: 'licks',
          encoding: { t: 't', y: 'y' },
          attributes: { color: 'red', shape: 'square' },
          title: 'licks',
        },
        {
          type: 'interval',
          dataset: 'trials',
          encoding: { t: 't', y: 'y' },
          attributes: { color: 'orange' },
          title: 'trials',
        },
      ],
      timeOffset: 1000.5,
      yRange: [0, 5],
      gridlineOpts: { hideX: true, hideY: false },
    });
    const json = canonicalJson(graph.toDict());
    expect(json).toContain('"timeOffset":1000.5');
    expect(JSON.parse(json).datasets[2].data.y).toMatchObject({ dtype: 'int16' });
    const plain = new vv.TimeseriesGraph().addLineSeries({
      name: 'a',
      t: new Float32Array([0, 1]),
      y: [1, 2],
      color: 'k',
    });
    expect(plain.toDict()).not.toHaveProperty('timeOffset');
    expect(() =>
      new vv.TimeseriesGraph().addLineSeries({ name: 'a', t: [0], y: Float64Array.of(1), color: 'k' }),
    ).toThrow('invalid TimeseriesGraph series "a" y (a Float64Array of 1 value): expected float32 values');
  });

  it('PositionPlot: timestamps relative to timeOffset in float32, subsampled as Python does', async () => {
    const plot = new vv.PositionPlot({
      timestamps: Float64Array.from([100, 100.01, 100.02, 100.5]),
      positions: [
        new Float32Array([1, 2]),
        new Float32Array([3, 4]),
        new Float32Array([5, 6]),
        new Float32Array([7, 8]),
      ],
      dimensionLabels: ['x', 'y'],
      subsamplingFrequency: 10,
    });
    expect(await deserializeNdarrays(stored(plot))).toEqual({
      type: 'PositionPlot',
      timeOffset: 100,
      timestamps: [0, 0.5],
      positions: [
        [1, 2],
        [7, 8],
      ],
      dimensionLabels: ['x', 'y'],
      discontinuous: false,
    });
    const oneDimension = new vv.PositionPlot({
      timestamps: [0, 1],
      positions: new Float32Array([5, 6]),
      dimensionLabels: ['x'],
    });
    expect(await deserializeNdarrays(stored(oneDimension))).toMatchObject({ positions: [[5], [6]] });
  });

  it('Markdown, Image, SortingCuration2 (labelChoices only when given), SortingSelection', () => {
    expect(new vv.Markdown('# Hi').toDict()).toEqual({ type: 'Markdown', source: '# Hi' });
    expect(new vv.Image({ url: 'https://example.org/a.png' }).toDict()).toEqual({
      type: 'Image',
      url: 'https://example.org/a.png',
    });
    expect(new vv.SortingCuration2().toDict()).toEqual({ type: 'SortingCuration2' });
    expect(new vv.SortingCuration2({ labelChoices: ['accept', 'mua'] }).toDict()).toEqual({
      type: 'SortingCuration2',
      labelChoices: ['accept', 'mua'],
    });
    expect(new vv.SortingSelection().toDict()).toEqual({ type: 'SortingSelection' });
  });

  it('write only the fields the plugin reads, every required one (viewFields)', () => {
    const bins = { binEdgesSec: [0, 1], binCounts: [1] };
    const views: vv.View[] = [
      new vv.UnitsTable({ columns: [], rows: [] }),
      new vv.RasterPlot({ startTimeSec: 0, endTimeSec: 1, plots: [], hideToolbar: true }),
      new vv.Autocorrelograms({ autocorrelograms: [new vv.AutocorrelogramItem({ unitId: 1, ...bins })] }),
      new vv.CrossCorrelograms({ crossCorrelograms: [] }),
      new vv.AverageWaveforms({
        averageWaveforms: [],
        channelLocations: locations,
        samplingFrequency: 1,
        noiseLevel: 1,
        showReferenceProbe: true,
      }),
      new vv.SpikeAmplitudes({ startTimeSec: 0, endTimeSec: 1, plots: [], hideToolbar: false }),
      new vv.UnitSimilarityMatrix({ unitIds: [], similarityScores: [], range: [0, 1] }),
      new vv.UnitLocations({ units: [], channelLocations: locations }),
      new vv.ElectrodeGeometry({ channelLocations: locations }),
      new vv.UnitMetricsGraph({ metrics: [], units: [] }),
      new vv.ConfusionMatrix({
        sorting1UnitIds: [],
        sorting2UnitIds: [],
        unitEventCounts: [],
        matchingUnitEventCounts: [],
      }),
      new vv.SortingSummary({
        recordingDescription: '',
        sortingDescription: '',
        recordingObject: {},
        sortingObject: {},
        unitIds: [],
        channelIds: [],
        samplingFrequency: 1,
        numFrames: 1,
        numSegments: 1,
        channelLocations: [],
        noiseLevel: 1,
      }),
      new vv.TimeseriesGraph({
        legendOpts: { location: 'northeast' },
        yRange: [0, 1],
        hideYGridlines: true,
      }).addLineSeries({
        name: 'a',
        t: [0],
        y: [1],
        color: 'k',
      }),
      new vv.PositionPlot({ timestamps: [0], positions: [[1]], dimensionLabels: ['x'], discontinuous: true }),
      new vv.Markdown(''),
      new vv.Image({ url: 'data:image/png;base64,AA==' }),
      new vv.SortingCuration2({ labelChoices: [] }),
      new vv.SortingSelection(),
    ];
    expect(new Set(views.map((v) => v.type))).toEqual(new Set(Object.keys(viewFields)));
    for (const view of views) {
      const fields = viewFields[view.type] as { required: string[]; optional: string[] };
      const keys = Object.keys(view.toDict()).filter((k) => k !== 'type');
      expect(
        keys.filter((k) => ![...fields.required, ...fields.optional].includes(k)),
        view.type,
      ).toEqual([]);
      expect(
        fields.required.filter((k) => !keys.includes(k)),
        view.type,
      ).toEqual([]);
    }
  });
});

describe('layouts', () => {
  const a = new vv.Markdown('a');
  const b = new vv.Markdown('b');
  const c = new vv.Markdown('c');

  it('number views depth first, layouts included, as Python’s url_dict does', () => {
    const layout = new vv.Box({
      direction: 'vertical',
      items: [
        new vv.LayoutItem(a, { stretch: 1, title: 'A', collapsible: true }),
        new vv.Splitter({ direction: 'horizontal', items: [b, new vv.LayoutItem(c, { minSize: 100, maxSize: 400 })] }),
      ],
      scrollbar: true,
      showTitles: true,
    });
    expect(layout.toDict()).toEqual({
      type: 'Box',
      direction: 'vertical',
      items: [
        { type: 'View', viewId: '1' },
        {
          type: 'Splitter',
          direction: 'horizontal',
          items: [
            { type: 'View', viewId: '3' },
            { type: 'View', viewId: '4' },
          ],
          itemProperties: [{}, { minSize: 100, maxSize: 400 }],
        },
      ],
      itemProperties: [{ stretch: 1, title: 'A', collapsible: true }, {}],
      scrollbar: true,
      showTitles: true,
    });
  });

  it('TabLayout and Mountain carry labels; Mountain items say whether they are controls', () => {
    const tabs = new vv.TabLayout({
      items: [new vv.TabLayoutItem({ label: 'A', view: a }), new vv.TabLayoutItem({ label: 'B', view: b })],
      tabBarLayout: 'vertical',
    });
    expect(tabs.toDict()).toEqual({
      type: 'TabLayout',
      items: [
        { type: 'View', viewId: '1' },
        { type: 'View', viewId: '2' },
      ],
      itemProperties: [{ label: 'A' }, { label: 'B' }],
      tabBarLayout: 'vertical',
    });
    const mountain = new vv.MountainLayout({
      items: [
        new vv.MountainLayoutItem({ label: 'A', view: a }),
        new vv.MountainLayoutItem({
          label: 'Curation',
          view: new vv.SortingCuration2(),
          isControl: true,
          controlHeight: 300,
        }),
      ],
    });
    expect(mountain.toDict()).toEqual({
      type: 'Mountain',
      items: [
        { type: 'View', viewId: '1' },
        { type: 'View', viewId: '2' },
      ],
      itemProperties: [
        { label: 'A', isControl: false },
        { label: 'Curation', isControl: true, controlHeight: 300 },
      ],
    });
    expect(() => new vv.MountainLayoutItem({ label: 'x', view: tabs })).toThrow(
      'invalid MountainLayoutItem view "a TabLayout": expected a view, not a layout',
    );
  });
});

describe('mistakes', () => {
  it('name the value and say what was expected', () => {
    expect(() => new vv.RasterPlotItem({ unitId: 1.5, spikeTimesSec: [] })).toThrow(
      'invalid RasterPlotItem unitId 1.5: expected a unit ID: an integer or a non-empty string',
    );
    expect(() => new vv.RasterPlot({ startTimeSec: '0' as unknown as number, endTimeSec: 1, plots: [] })).toThrow(
      'invalid RasterPlot startTimeSec "0": expected a finite number',
    );
    expect(() => new vv.RasterPlot({ startTimeSec: 0, endTimeSec: 1, plots: [{ unitId: 1 }] as never })).toThrow(
      'invalid RasterPlot plots[0] {"unitId":1}: expected a RasterPlotItem',
    );
    expect(() => new vv.RasterPlotItem({ unitId: 1, spikeTimesSec: [0, Number.NaN] })).toThrow(
      'invalid RasterPlotItem (unit 1) spikeTimesSec[1] NaN: expected a finite number (JSON has no NaN or Infinity; use a Float32Array)',
    );
    expect(() => new vv.Box({ direction: 'diagonal' as 'vertical', items: [] })).toThrow(
      'invalid Box direction "diagonal": expected one of "horizontal", "vertical"',
    );
    expect(() => new vv.Splitter({ direction: 'vertical', items: [new vv.Markdown('a')] as never })).toThrow(
      'invalid Splitter items: got 1; expected exactly 2 (use a Box for more)',
    );
    expect(() => new vv.AutocorrelogramItem({ unitId: 1, binEdgesSec: [0, 1], binCounts: [1, 2] })).toThrow(
      'invalid AutocorrelogramItem (unit 1) binEdgesSec "2 edges": expected one more edge than bin counts (2)',
    );
    expect(() => new vv.SpikeAmplitudesItem({ unitId: 1, spikeTimesSec: [1, 2], spikeAmplitudes: [3] })).toThrow(
      'invalid SpikeAmplitudesItem (unit 1) spikeAmplitudes "1 values": expected one per spike time (2)',
    );
    expect(() => new vv.AverageWaveformItem({ unitId: 1, channelIds: [1, 2], waveform: [[1, 2]] })).toThrow(
      'invalid AverageWaveformItem (unit 1) waveform "1 rows": expected one row per channel of channelIds (2)',
    );
    expect(() => new vv.ElectrodeGeometry({ channelLocations: { '1': [0] } })).toThrow(
      'invalid ElectrodeGeometry channelLocations["1"] [0]: expected a location [x, y] of finite numbers',
    );
    expect(() => new vv.RasterPlot(undefined as never)).toThrow(
      'invalid RasterPlot options (missing): expected an object',
    );
  });

  it('refuse a Float64Array when the data is made, unless allowFloat64, with Python’s advice', () => {
    const raster = new vv.RasterPlot({
      startTimeSec: 0,
      endTimeSec: 1,
      plots: [new vv.RasterPlotItem({ unitId: 2, spikeTimesSec: Float64Array.from([0.5]) })],
    });
    expect(() => raster.toDict()).toThrow(
      'invalid RasterPlotItem (unit 2) spikeTimesSec (a Float64Array of 1 value): it is usually best to convert to float32',
    );
    expect(stored(raster, { allowFloat64: true }).plots[0].spikeTimesSec).toMatchObject({ dtype: 'float64' });
    const encoded = new vv.RasterPlotItem({
      unitId: 3,
      spikeTimesSec: encodeNdarray([0.5], undefined, { allowFloat64: true }),
    });
    expect(() => encoded.toDict()).toThrow('invalid RasterPlotItem (unit 3) spikeTimesSec: a float64 ndarray;');
  });
});

describe('GenericView', () => {
  it('keeps data of any view type as given, checking its ndarrays', () => {
    const data = { type: 'TiledImage', layers: [{ label: 'a', imageFiles: {} }] };
    expect(new vv.GenericView(data).toDict()).toEqual(data);
    const bad = { type: 'Custom', x: { _type: 'ndarray', shape: [3], dtype: 'float32', data_b64: 'AAAAPw==' } };
    expect(() => new vv.GenericView(bad)).toThrow(
      'invalid Custom.x ndarray: shape [3] of float32 needs 12 bytes, data_b64 holds 4',
    );
  });

  it('holds the types the builders make to the fields the plugin reads', () => {
    expect(() => new vv.GenericView({ type: 'RasterPlot', startTimeSecs: 0, endTimeSec: 1, plots: [] })).toThrow(
      'invalid RasterPlot view: unknown field "startTimeSecs"; expected startTimeSec, endTimeSec, plots, optionally highlightIntervals, hideToolbar',
    );
    expect(() => new vv.GenericView({ type: 'Markdown' })).toThrow('invalid Markdown view: missing field "source"');
    expect(() => new vv.GenericView({ type: 'Box' })).toThrow('invalid view type "Box": expected a view type');
  });
});
