import { NdArray } from '@figurl/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { parsePositionPlot } from '../../../plugins/sortingview/src/views/time/position-plot/parse-position-plot.js';
import { toPositionSeries } from '../../../plugins/sortingview/src/views/time/position-plot/position-series.js';
import { parseRasterPlot } from '../../../plugins/sortingview/src/views/time/raster/parse-raster-plot.js';
import { parseSpikeAmplitudes } from '../../../plugins/sortingview/src/views/time/spike-amplitudes/parse-spike-amplitudes.js';
import { parseTimeseriesGraph } from '../../../plugins/sortingview/src/views/time/timeseries-graph/parse-timeseries-graph.js';

const f32 = (...values: number[]) => new NdArray('float32', [values.length], Float32Array.from(values));

describe('sortingview time views: figure data', () => {
  it('reads a raster with ndarray or list spike times and its highlight intervals', () => {
    const data = parseRasterPlot({
      type: 'RasterPlot',
      startTimeSec: 0,
      endTimeSec: 60,
      plots: [
        { unitId: 1, spikeTimesSec: f32(0.5, 1.5) },
        { unitId: 'x', spikeTimesSec: [2, 3] },
      ],
      highlightIntervals: [{ intervalStarts: [1, 10], intervalEnds: [2, 12], color: [255, 0, 0, 0.3] }],
    });
    expect(data.plots[0]?.spikeTimesSec).toBeInstanceOf(Float32Array);
    expect(data.plots[1]?.unitId).toBe('x');
    expect(data.highlightSpans).toEqual([
      { startSec: 1, endSec: 2, color: [255, 0, 0, 0.3] },
      { startSec: 10, endSec: 12, color: [255, 0, 0, 0.3] },
    ]);
    expect(data.hideToolbar).toBe(false);
  });

  it('names the field and the expectation when a raster is malformed', () => {
    const base = { type: 'RasterPlot', startTimeSec: 0, endTimeSec: 1 };
    expect(() => parseRasterPlot({ ...base, plots: [{ unitId: 1, spikeTimesSec: 'x' }] })).toThrow(
      'invalid plots[0].spikeTimesSec: expected an array of numbers',
    );
    expect(() => parseRasterPlot({ ...base, plots: [{ unitId: null, spikeTimesSec: [] }] })).toThrow(
      'invalid plots[0].unitId: expected a unit id',
    );
    expect(() => parseRasterPlot({ ...base, endTimeSec: 'late', plots: [] })).toThrow(
      'invalid endTimeSec: expected a finite number, got "late"',
    );
    expect(() => parseRasterPlot({ ...base, type: 'SpikeAmplitudes', plots: [] })).toThrow('expected "RasterPlot"');
  });

  it('wants one amplitude per spike time', () => {
    expect(() =>
      parseSpikeAmplitudes({
        startTimeSec: 0,
        endTimeSec: 1,
        units: [{ unitId: 1, spikeTimesSec: [0.1, 0.2], spikeAmplitudes: [-50] }],
      }),
    ).toThrow('invalid units[0].spikeAmplitudes: expected one amplitude per spike time (2), got 1');
  });

  it('resolves graph series from their datasets, sorting points but not intervals', () => {
    const data = parseTimeseriesGraph({
      type: 'TimeseriesGraph',
      datasets: [
        { name: 'a', data: { t: f32(2, 0, 1), y: f32(20, 0, 10) } },
        { name: 'iv', data: { t: f32(5, 9, 1, 6), y: new NdArray('int16', [4], Int16Array.from([0, 1, 0, 1])) } },
      ],
      series: [
        {
          type: 'line',
          dataset: 'a',
          encoding: { t: 't', y: 'y' },
          attributes: { color: 'red', dash: [4, 2] },
          title: 'a',
        },
        { type: 'interval', dataset: 'iv', encoding: { t: 't', y: 'y' }, attributes: { color: 'rgba(0,0,0,0.1)' } },
      ],
      timeOffset: 1_700_000_000,
      legendOpts: { location: 'northwest' },
      gridlineOpts: { hideX: true, hideY: false },
    });
    const [line, interval] = data.series;
    expect(Array.from(line?.t ?? [])).toEqual([0, 1, 2]);
    expect(Array.from(line?.y ?? [])).toEqual([0, 10, 20]);
    expect(line).toMatchObject({ color: 'red', dash: [4, 2], title: 'a', width: 1.1 });
    expect(Array.from(interval?.t ?? [])).toEqual([5, 9, 1, 6]);
    expect(interval?.title).toBeUndefined();
    expect(data).toMatchObject({ timeOffset: 1_700_000_000, legendLocation: 'northwest', gridlines: { hideX: true } });
  });

  it('names the missing dataset or column of a graph series', () => {
    const datasets = [{ name: 'a', data: { t: [0], y: [1] } }];
    const series = (s: object) => ({
      datasets,
      series: [{ type: 'line', dataset: 'a', encoding: { t: 't', y: 'y' }, ...s }],
    });
    expect(() => parseTimeseriesGraph(series({ dataset: 'b' }))).toThrow(
      'invalid series[0].dataset: no dataset named "b"',
    );
    expect(() => parseTimeseriesGraph(series({ encoding: { t: 't', y: 'z' } }))).toThrow('dataset "a" column "z"');
    expect(() => parseTimeseriesGraph(series({ type: 'bar' }))).toThrow('expected "line", "marker" or "interval"');
  });

  it('reads positions as N × D and draws one series per dimension', () => {
    const data = parsePositionPlot({
      type: 'PositionPlot',
      timeOffset: 100,
      timestamps: f32(0, 1, 2),
      positions: new NdArray('float32', [3, 2], Float32Array.from([1, 10, 2, 20, 3, 30])),
      dimensionLabels: ['x', 'y'],
    });
    const series = toPositionSeries(data);
    expect(series.map((s) => s.title)).toEqual(['x', 'y']);
    expect(Array.from(series[1]?.y ?? [])).toEqual([10, 20, 30]);
    expect(series[0]?.type).toBe('line');
    expect(toPositionSeries({ ...data, discontinuous: true })[0]?.type).toBe('marker');
    expect(() => parsePositionPlot({ ...data, timestamps: f32(0, 1), positions: [[1], [2], [3]] })).toThrow(
      'invalid positions: expected one row per timestamp (2), got 3 rows',
    );
  });
});
