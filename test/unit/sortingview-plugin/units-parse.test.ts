import { NdArray } from '@figurl/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { parseAverageWaveforms } from '../../../plugins/sortingview/src/views/units/average-waveforms/parse-average-waveforms.js';
import { parseConfusionMatrix } from '../../../plugins/sortingview/src/views/units/confusion-matrix/parse-confusion-matrix.js';
import { parseAutocorrelograms } from '../../../plugins/sortingview/src/views/units/correlograms/parse-autocorrelograms.js';
import { parseCrossCorrelograms } from '../../../plugins/sortingview/src/views/units/correlograms/parse-cross-correlograms.js';
import { parseElectrodeGeometry } from '../../../plugins/sortingview/src/views/units/electrode-geometry/parse-electrode-geometry.js';
import { parseImage } from '../../../plugins/sortingview/src/views/units/images/parse-image.js';
import { parseUnitImages } from '../../../plugins/sortingview/src/views/units/images/parse-unit-images.js';
import { parseMarkdown } from '../../../plugins/sortingview/src/views/units/markdown/parse-markdown.js';
import { parseUnitSimilarityMatrix } from '../../../plugins/sortingview/src/views/units/similarity-matrix/parse-unit-similarity-matrix.js';
import { parseSummary } from '../../../plugins/sortingview/src/views/units/summary/parse-summary.js';
import { summaryRows } from '../../../plugins/sortingview/src/views/units/summary/summary-rows.js';
import { parseUnitLocations } from '../../../plugins/sortingview/src/views/units/unit-locations/parse-unit-locations.js';
import {
  metricValue,
  parseUnitMetricsGraph,
} from '../../../plugins/sortingview/src/views/units/unit-metrics-graph/parse-unit-metrics-graph.js';

const f32 = (shape: number[], values: number[]) => new NdArray('float32', shape, Float32Array.from(values));

describe('Autocorrelograms data', () => {
  it('reads decoded ndarrays and plain lists alike', () => {
    const data = parseAutocorrelograms({
      type: 'Autocorrelograms',
      autocorrelograms: [
        {
          unitId: 1,
          binEdgesSec: f32([3], [-0.001, 0, 0.001]),
          binCounts: new NdArray('int32', [2], Int32Array.of(4, 5)),
        },
        { unitId: 'b', binEdgesSec: [-0.001, 0, 0.001], binCounts: [1, 2] },
      ],
    });
    expect(data.autocorrelograms.map((a) => a.unitId)).toEqual([1, 'b']);
    expect(Array.from(data.autocorrelograms[0]?.binCounts ?? [])).toEqual([4, 5]);
    expect(Array.from(data.autocorrelograms[1]?.binEdgesSec ?? [])).toEqual([-0.001, 0, 0.001]);
  });

  it('names the field that is wrong', () => {
    expect(() => parseAutocorrelograms({})).toThrow('invalid autocorrelograms: expected a list, got nothing');
    expect(() =>
      parseAutocorrelograms({ autocorrelograms: [{ unitId: null, binEdgesSec: [0, 1], binCounts: [1] }] }),
    ).toThrow('invalid autocorrelograms[0].unitId: expected an id (number or non-empty string), got null');
    expect(() =>
      parseAutocorrelograms({ autocorrelograms: [{ unitId: 1, binEdgesSec: [0, 1], binCounts: [1, 2] }] }),
    ).toThrow('invalid autocorrelograms[0].binEdgesSec: expected 3 bin edges for 2 bin counts, got 2');
    expect(() =>
      parseAutocorrelograms({ autocorrelograms: [{ unitId: 1, binEdgesSec: [0, 2, 1], binCounts: [1, 2] }] }),
    ).toThrow('invalid autocorrelograms[0].binEdgesSec: expected ascending edges');
    expect(() =>
      parseAutocorrelograms({ autocorrelograms: [{ unitId: 1, binEdgesSec: 'x', binCounts: [1] }] }),
    ).toThrow('invalid autocorrelograms[0].binEdgesSec: expected an array of numbers');
    expect(() => parseAutocorrelograms([1])).toThrow(
      'invalid Autocorrelograms data: expected an object, got an array of 1',
    );
  });
});

describe('CrossCorrelograms data', () => {
  it('reads pairs and hideUnitSelector (default false)', () => {
    const item = { unitId1: 1, unitId2: 2, binEdgesSec: [0, 1], binCounts: [3] };
    expect(parseCrossCorrelograms({ crossCorrelograms: [item] }).hideUnitSelector).toBe(false);
    const data = parseCrossCorrelograms({ crossCorrelograms: [item], hideUnitSelector: true });
    expect(data.hideUnitSelector).toBe(true);
    expect(data.crossCorrelograms[0]).toMatchObject({ unitId1: 1, unitId2: 2 });
  });

  it('rejects a bad pair or flag', () => {
    expect(() =>
      parseCrossCorrelograms({ crossCorrelograms: [{ unitId1: 1, binEdgesSec: [0, 1], binCounts: [3] }] }),
    ).toThrow('invalid crossCorrelograms[0].unitId2: expected an id');
    expect(() => parseCrossCorrelograms({ crossCorrelograms: [], hideUnitSelector: 'yes' })).toThrow(
      'invalid hideUnitSelector: expected true or false, got "yes"',
    );
  });
});

describe('AverageWaveforms data', () => {
  const good = {
    averageWaveforms: [
      {
        unitId: 7,
        channelIds: [0, 1],
        waveform: f32([2, 3], [1, 2, 3, 4, 5, 6]),
        waveformStdDev: [
          [0.1, 0.1, 0.1],
          [0.2, 0.2, 0.2],
        ],
      },
    ],
    channelLocations: { '0': [0, 0], '1': f32([2], [0, 20]) },
    samplingFrequency: 30000,
    noiseLevel: 5,
  };

  it('reads waveforms as channels × samples with locations by channel id', () => {
    const data = parseAverageWaveforms(good);
    const aw = data.averageWaveforms[0];
    expect(aw?.waveform).toMatchObject({ rows: 2, cols: 3 });
    expect(aw?.waveformStdDev).toMatchObject({ rows: 2, cols: 3 });
    expect(data.electrodes).toEqual([
      { id: 0, x: 0, y: 0 },
      { id: 1, x: 0, y: 20 },
    ]);
    expect(data).toMatchObject({ samplingFrequency: 30000, noiseLevel: 5, showReferenceProbe: false });
  });

  it('turns a samples × channels waveform (the docstring layout) into channels × samples', () => {
    const data = parseAverageWaveforms({
      averageWaveforms: [{ unitId: 1, channelIds: [0, 1], waveform: f32([3, 2], [1, 4, 2, 5, 3, 6]) }],
    });
    const w = data.averageWaveforms[0]?.waveform;
    expect(w).toMatchObject({ rows: 2, cols: 3 });
    expect(Array.from(w?.data ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(data.electrodes).toBeUndefined();
  });

  it('accepts 2 or 4 percentile arrays and nothing else', () => {
    const band = [
      [0, 0, 0],
      [0, 0, 0],
    ];
    const withPercentiles = (n: number) => ({
      averageWaveforms: [
        { ...good.averageWaveforms[0], waveformStdDev: undefined, waveformPercentiles: Array(n).fill(band) },
      ],
    });
    expect(parseAverageWaveforms(withPercentiles(4)).averageWaveforms[0]?.waveformPercentiles).toHaveLength(4);
    expect(parseAverageWaveforms(withPercentiles(2)).averageWaveforms[0]?.waveformPercentiles).toHaveLength(2);
    expect(() => parseAverageWaveforms(withPercentiles(3))).toThrow(
      'invalid averageWaveforms[0].waveformPercentiles: expected 2 or 4 percentile arrays, got 3',
    );
  });

  it('rejects a waveform that fits neither way, or a spread of another length', () => {
    expect(() =>
      parseAverageWaveforms({
        averageWaveforms: [{ unitId: 1, channelIds: [0, 1, 2], waveform: f32([2, 4], Array(8).fill(0)) }],
      }),
    ).toThrow('invalid averageWaveforms[0].waveform: expected 3 rows (one per channel id), got a 2×4 array');
    expect(() =>
      parseAverageWaveforms({
        averageWaveforms: [{ ...good.averageWaveforms[0], waveformStdDev: f32([2, 2], [0, 0, 0, 0]) }],
      }),
    ).toThrow('invalid averageWaveforms[0].waveformStdDev: expected 3 samples per channel like waveform, got 2');
    expect(() => parseAverageWaveforms({ ...good, channelLocations: { '0': [1] } })).toThrow(
      'invalid channelLocations["0"]: expected a pair of numbers [a, b], got an array of 1',
    );
  });
});

describe('UnitSimilarityMatrix data', () => {
  it('reads ids (list or ndarray), scores and the default range', () => {
    const data = parseUnitSimilarityMatrix({
      unitIds: new NdArray('int32', [2], Int32Array.of(1, 2)),
      similarityScores: [{ unitId1: 1, unitId2: 2, similarity: 0.5 }],
    });
    expect(data.unitIds).toEqual([1, 2]);
    expect(data.range).toEqual([0, 1]);
    expect(parseUnitSimilarityMatrix({ unitIds: [1], similarityScores: [], range: [-1, 1] }).range).toEqual([-1, 1]);
  });

  it('rejects scores for unknown units, duplicate ids and an empty range', () => {
    expect(() =>
      parseUnitSimilarityMatrix({ unitIds: [1], similarityScores: [{ unitId1: 1, unitId2: 9, similarity: 0.5 }] }),
    ).toThrow('invalid similarityScores[0].unitId2: unit 9 is not in unitIds');
    expect(() => parseUnitSimilarityMatrix({ unitIds: [1, 1], similarityScores: [] })).toThrow(
      'invalid unitIds: id 1 appears twice',
    );
    expect(() => parseUnitSimilarityMatrix({ unitIds: [1], similarityScores: [], range: [1, 1] })).toThrow(
      'invalid range: expected [min, max] with max > min, got [1, 1]',
    );
    expect(() =>
      parseUnitSimilarityMatrix({ unitIds: [1], similarityScores: [{ unitId1: 1, unitId2: 1, similarity: 'high' }] }),
    ).toThrow('invalid similarityScores[0].similarity: expected a finite number, got "high"');
  });
});

describe('UnitLocations and ElectrodeGeometry data', () => {
  it('reads units and channel locations, numeric channel keys as numbers', () => {
    const data = parseUnitLocations({
      units: [{ unitId: 3, x: 1.5, y: 20 }],
      channelLocations: { '10': [0, 0], '2': [0, 20], ref: [5, 5] },
      disableAutoRotate: true,
    });
    expect(data.units).toEqual([{ unitId: 3, x: 1.5, y: 20 }]);
    expect(data.electrodes.map((e) => e.id)).toEqual([2, 10, 'ref']);
    expect(data.disableAutoRotate).toBe(true);
    expect(parseElectrodeGeometry({ channelLocations: { '0': [1, 2] } }).electrodes).toEqual([{ id: 0, x: 1, y: 2 }]);
  });

  it('rejects a unit without coordinates, a repeated unit and missing locations', () => {
    expect(() => parseUnitLocations({ units: [{ unitId: 3, x: 1 }], channelLocations: {} })).toThrow(
      'invalid units[0].y: expected a finite number, got nothing',
    );
    expect(() =>
      parseUnitLocations({
        units: [
          { unitId: 3, x: 1, y: 1 },
          { unitId: '3', x: 1, y: 1 },
        ],
        channelLocations: {},
      }),
    ).toThrow('invalid units[1].unitId: unit "3" appears twice');
    expect(() => parseElectrodeGeometry({})).toThrow('invalid channelLocations: expected an object, got nothing');
  });
});

describe('UnitMetricsGraph data', () => {
  it('reads metrics (label defaults to key) and unit values; plots finite numbers and booleans', () => {
    const data = parseUnitMetricsGraph({
      metrics: [{ key: 'snr', label: 'SNR', dtype: 'float' }, { key: 'good' }],
      units: [
        { unitId: 1, values: { snr: 4.5, good: true, note: 'x' } },
        { unitId: 2, values: { snr: null } },
      ],
    });
    expect(data.metrics[1]).toEqual({ key: 'good', label: 'good', dtype: 'float' });
    const [u1, u2] = data.units;
    expect(u1 && metricValue(u1, 'snr')).toBe(4.5);
    expect(u1 && metricValue(u1, 'good')).toBe(1);
    expect(u1 && metricValue(u1, 'note')).toBeUndefined();
    expect(u2 && metricValue(u2, 'snr')).toBeUndefined();
  });

  it('rejects a metric without a key', () => {
    expect(() => parseUnitMetricsGraph({ metrics: [{ label: 'x' }], units: [] })).toThrow(
      'invalid metrics[0].key: expected a string, got nothing',
    );
  });
});

describe('ConfusionMatrix data', () => {
  const good = {
    sorting1UnitIds: ['A1', 'A2'],
    sorting2UnitIds: ['B1'],
    unitEventCounts: [
      { unitId: 'A1', count: 100 },
      { unitId: 'B1', count: 90 },
    ],
    matchingUnitEventCounts: [{ unitId1: 'A1', unitId2: 'B1', count: 80 }],
  };

  it('reads both sortings and their counts', () => {
    expect(parseConfusionMatrix(good)).toEqual(good);
  });

  it('rejects ids shared by the two sortings and negative counts', () => {
    expect(() => parseConfusionMatrix({ ...good, sorting2UnitIds: ['A2'] })).toThrow(
      'invalid sorting2UnitIds: unit id "A2" is also in sorting1UnitIds',
    );
    expect(() => parseConfusionMatrix({ ...good, unitEventCounts: [{ unitId: 'A1', count: -1 }] })).toThrow(
      'invalid unitEventCounts[0].count: expected a count (>= 0), got -1',
    );
  });
});

describe('Summary data', () => {
  it('reads the SortingSummary fields and lists them as rows', () => {
    const data = parseSummary({
      recordingDescription: 'tetrode, 4 channels',
      sortingDescription: 'mountainsort4',
      recordingObject: {},
      unitIds: new NdArray('int32', [3], Int32Array.of(1, 2, 3)),
      channelIds: [0, 1, 2, 3],
      samplingFrequency: 30000,
      numFrames: 9_000_000,
      numSegments: 1,
      channelLocations: f32([4, 2], [0, 0, 0, 20, 20, 0, 20, 20]),
      noiseLevel: 10.5,
    });
    expect(summaryRows(data)).toEqual([
      { label: 'Recording', value: 'tetrode, 4 channels' },
      { label: 'Sorting', value: 'mountainsort4' },
      { label: 'Units', value: '3: 1, 2, 3' },
      { label: 'Channels', value: '4: 0, 1, 2, 3' },
      { label: 'Sampling frequency', value: '30000 Hz' },
      { label: 'Duration', value: '300.0 s (5.0 min) (9000000 frames)' },
      { label: 'Segments', value: '1' },
      { label: 'Noise level', value: '10.50' },
      { label: 'Probe extent', value: 'x 0 to 20, y 0 to 20' },
    ]);
  });

  it('needs the unit and channel ids', () => {
    expect(() => parseSummary({ channelIds: [] })).toThrow('invalid unitIds: expected a list, got nothing');
  });
});

describe('Markdown, Image and UnitImages data', () => {
  it('reads markdown source', () => {
    expect(parseMarkdown({ source: '# Hi' })).toEqual({ source: '# Hi' });
    expect(() => parseMarkdown({ source: 3 })).toThrow('invalid source: expected a string, got 3');
  });

  it('accepts data:image and http(s) URLs only', () => {
    expect(parseImage({ url: 'data:image/png;base64,iVBORw0KGgo=' }).url).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(parseImage({ url: 'https://example.org/a.png' }).url).toBe('https://example.org/a.png');
    expect(() => parseImage({ url: 'javascript:alert(1)' })).toThrow(
      'invalid url: expected a data:image/… URL or an http(s) URL, got "javascript:alert(1)"',
    );
    expect(() => parseImage({ url: 'data:text/html;base64,PGI+' })).toThrow('invalid url');
  });

  it('reads unit images with their box size', () => {
    const data = parseUnitImages({
      items: [{ unitId: 1, url: 'data:image/jpeg;base64,/9j/' }],
      itemWidth: 200,
      itemHeight: 150,
    });
    expect(data).toEqual({
      items: [{ unitId: 1, url: 'data:image/jpeg;base64,/9j/' }],
      itemWidth: 200,
      itemHeight: 150,
    });
    expect(() => parseUnitImages({ items: [], itemWidth: 0, itemHeight: 150 })).toThrow(
      'invalid itemWidth: expected a size in pixels (> 0), got 0',
    );
    expect(() => parseUnitImages({ items: [{ unitId: 1, url: 'sha1://abc' }], itemWidth: 1, itemHeight: 1 })).toThrow(
      'invalid items[0].url',
    );
  });
});
