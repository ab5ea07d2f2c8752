import { describe, expect, it } from 'vitest';
import { formatTick, niceTicks } from '../../../plugins/sortingview/src/views/units/shared/nice-ticks.js';
import { binIndex, histogram } from '../../../plugins/sortingview/src/views/units/unit-metrics-graph/histogram.js';
import {
  linearScale,
  paddedExtent,
} from '../../../plugins/sortingview/src/views/units/unit-metrics-graph/plot-frame.js';

describe('metric histogram binning', () => {
  it('widens the range by half a bin each side so the extremes sit inside bins', () => {
    const h = histogram([0, 1, 2, 3], 4);
    expect(h?.min).toBeCloseTo(-0.375);
    expect(h?.binWidth).toBeCloseTo(0.9375);
    expect(h?.counts).toEqual([1, 1, 1, 1]);
  });

  it('counts every value once, clamping to the last bin', () => {
    const values = [1, 1, 1, 2, 5, 9, 10, 10];
    const h = histogram(values, 5);
    expect(h?.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    expect(h?.counts[0]).toBe(4);
    expect(h?.counts).toEqual([4, 0, 1, 0, 3]);
    if (h === undefined) throw new Error('expected a histogram');
    expect(binIndex(h, 1e9)).toBe(4);
    expect(binIndex(h, -1e9)).toBe(0);
  });

  it('gives equal values a small range and no values no histogram', () => {
    const h = histogram([100, 100, 100], 10);
    expect(h?.counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(h?.min).toBeCloseTo(95);
    expect(histogram([], 10)).toBeUndefined();
    expect(histogram([0, 0], 3)?.min).toBeCloseTo(-0.5);
  });
});

describe('ticks and scales', () => {
  it('chooses round ticks of 1, 2 or 5 × 10^k inside the range', () => {
    expect(niceTicks(-50, 50, 5)).toEqual([-40, -20, 0, 20, 40]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.7, 4)).toEqual([0.2, 0.4, 0.6]);
    expect(niceTicks(1, 1, 5)).toEqual([]);
    expect(formatTick(0.30000000000000004)).toBe('0.3');
    expect(formatTick(250000)).toBe('2.5e+5');
  });

  it('maps values to pixels and back, y axes upside down', () => {
    const sy = linearScale(0, 10, 200, 0);
    expect(sy.toPixel(0)).toBe(200);
    expect(sy.toPixel(10)).toBe(0);
    expect(sy.toValue(50)).toBeCloseTo(7.5);
    expect(paddedExtent([0, 10])).toEqual([-0.5, 10.5]);
    expect(paddedExtent([])).toEqual([0, 1]);
  });
});
