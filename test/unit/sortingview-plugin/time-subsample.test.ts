import { describe, expect, it } from 'vitest';
import { sortByTime } from '../../../plugins/sortingview/src/views/time/sort-by-time.js';
import {
  lowerBoundIn,
  upperBoundIn,
  visibleIndexRange,
} from '../../../plugins/sortingview/src/views/time/sorted-range.js';
import { amplitudeAxis } from '../../../plugins/sortingview/src/views/time/spike-amplitudes/amplitude-axis.js';
import { subsampleWindow } from '../../../plugins/sortingview/src/views/time/subsample-window.js';

describe('sortingview time views: windows over sorted times', () => {
  it('bounds searches to a segment', () => {
    const t = [0, 1, 1, 1, 2, 5, 0, 3];
    expect(lowerBoundIn(t, 1, 0, 6)).toBe(1);
    expect(upperBoundIn(t, 1, 0, 6)).toBe(4);
    expect(lowerBoundIn(t, 2, 6, 8)).toBe(7);
    expect(lowerBoundIn(t, 9, 0, 6)).toBe(6);
  });

  it('takes the points in the window plus one on each side', () => {
    const t = Float32Array.from([0, 1, 2, 3, 4, 5, 6]);
    expect(visibleIndexRange(t, 2.5, 4)).toEqual([2, 6]);
    expect(visibleIndexRange(t, -1, 0.5)).toEqual([0, 2]);
    expect(visibleIndexRange(t, 5.5, 9)).toEqual([5, 7]);
    expect(visibleIndexRange([], 0, 1)).toEqual([0, 0]);
  });

  it('sorts paired values by time only when needed', () => {
    const times = [0, 1, 2];
    const values = [5, 6, 7];
    expect(sortByTime(times, values).times).toBe(times);
    const sorted = sortByTime([2, 0, 1, 0], [20, 0, 10, 1]);
    expect(Array.from(sorted.times)).toEqual([0, 0, 1, 2]);
    expect(Array.from(sorted.values)).toEqual([0, 1, 10, 20]);
  });
});

describe('sortingview spike amplitudes: subsampling and scale', () => {
  it('keeps every spike in the window when there are few enough', () => {
    const times = Float32Array.from({ length: 100 }, (_, i) => i);
    expect(Array.from(subsampleWindow(times, 10, 14, 5000))).toEqual([10, 11, 12, 13, 14]);
  });

  it('keeps at most 5000 evenly spaced spikes of a dense window, first one included', () => {
    const times = Float64Array.from({ length: 200_000 }, (_, i) => i / 1000);
    const picked = subsampleWindow(times, 50, 150, 5000);
    expect(picked.length).toBe(5000);
    expect(picked[0]).toBe(50_000);
    const gaps = new Set(Array.from(picked.subarray(1), (v, k) => v - (picked[k] as number)));
    expect([...gaps].every((g) => g === 20 || g === 21)).toBe(true);
    expect(times[picked[4999] as number]).toBeLessThanOrEqual(150);
  });

  it('scales the amplitude axis around zero and keeps zero in view', () => {
    expect(amplitudeAxis([[-80, -10]], 1)).toEqual({ min: -84, max: 4 });
    const doubled = amplitudeAxis([[-80, -10]], 2);
    expect(doubled.min).toBeCloseTo(-42);
    expect(doubled.max).toBeCloseTo(2);
    expect(amplitudeAxis([], 1)).toEqual({ min: -1, max: 1 });
  });
});
