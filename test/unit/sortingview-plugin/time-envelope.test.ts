import { describe, expect, it } from 'vitest';
import {
  graphTimeRange,
  graphValueAxis,
} from '../../../plugins/sortingview/src/views/time/timeseries-graph/graph-extent.js';
import type { GraphSeries } from '../../../plugins/sortingview/src/views/time/timeseries-graph/graph-series.js';
import { computeLineEnvelope } from '../../../plugins/sortingview/src/views/time/timeseries-graph/line-envelope.js';

function series(type: GraphSeries['type'], t: number[], y: number[]): GraphSeries {
  return { type, t, y, color: 'black', width: 1, dash: undefined, radius: 2, shape: 'circle', title: undefined };
}

describe('sortingview timeseries graph: min/max envelope', () => {
  it('keeps first, min, max and last of each pixel column', () => {
    const t = [0, 0.1, 0.2, 0.3, 1.05, 1.5, 2.9];
    const y = [5, -1, 7, 2, 3, 4, 9];
    const env = computeLineEnvelope(t, y, 0, t.length, 0, 3, 3);
    expect(env.count).toBe(3);
    expect(Array.from(env.column.subarray(0, 3))).toEqual([0, 1, 2]);
    expect(Array.from(env.first.subarray(0, 3))).toEqual([5, 3, 9]);
    expect(Array.from(env.min.subarray(0, 3))).toEqual([-1, 3, 9]);
    expect(Array.from(env.max.subarray(0, 3))).toEqual([7, 4, 9]);
    expect(Array.from(env.last.subarray(0, 3))).toEqual([2, 4, 9]);
  });

  it('gives the points just outside the window their own edge columns and skips NaN', () => {
    const env = computeLineEnvelope([-5, 0.5, 1.5, 9], [1, Number.NaN, 2, 3], 0, 4, 0, 2, 2);
    expect(Array.from(env.column.subarray(0, env.count))).toEqual([-1, 1, 2]);
  });

  it('reduces 2,000,000 points to at most two per pixel column plus edges, preserving extremes', () => {
    const n = 2_000_000;
    const t = new Float32Array(n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      t[i] = i / 1000;
      y[i] = Math.sin(i / 50) + (i === 1_234_567 ? 10 : 0);
    }
    const started = performance.now();
    const env = computeLineEnvelope(t, y, 0, n, 0, 2000, 1000);
    const ms = performance.now() - started;
    expect(env.count).toBe(1000);
    expect(Math.max(...env.max.subarray(0, env.count))).toBeCloseTo(10 + Math.sin(1_234_567 / 50), 4);
    expect(ms).toBeLessThan(200);
  });
});

describe('sortingview timeseries graph: axes', () => {
  it('uses yRange when given, else the line and marker values with headroom (intervals ignored)', () => {
    const lines = [series('line', [0, 1], [0, 10]), series('interval', [0, 100], [0, 1])];
    expect(graphValueAxis(lines, [-1, 1])).toEqual({ min: -1, max: 1 });
    expect(graphValueAxis(lines, undefined)).toEqual({ min: -0.5, max: 10.5 });
    expect(graphValueAxis([series('line', [0], [3])], undefined)).toEqual({ min: 2, max: 4 });
  });

  it('spans the time of every series', () => {
    expect(graphTimeRange([series('line', [2, 5], [0, 0]), series('interval', [1, 3], [0, 1])])).toEqual([1, 5]);
    expect(graphTimeRange([])).toEqual([0, 1]);
  });
});
