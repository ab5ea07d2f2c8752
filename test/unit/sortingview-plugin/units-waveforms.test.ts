import { describe, expect, it } from 'vitest';
import { orientToChannels } from '../../../plugins/sortingview/src/views/units/average-waveforms/parse-average-waveforms.js';
import {
  channelMeans,
  peakAmplitude,
  subtractChannelMeans,
} from '../../../plugins/sortingview/src/views/units/average-waveforms/waveform-math.js';
import {
  geometrySlots,
  orderChannelsByDepth,
  verticalSlots,
} from '../../../plugins/sortingview/src/views/units/average-waveforms/waveform-slots.js';
import type { Electrode } from '../../../plugins/sortingview/src/views/units/shared/electrodes.js';

const matrix = (rows: number, cols: number, values: number[]) => ({ rows, cols, data: Float32Array.from(values) });

describe('waveform preparation', () => {
  it('subtracts each channel’s mean, and shifts percentile bands by the waveform’s means', () => {
    const w = matrix(2, 3, [1, 2, 3, 10, 10, 40]);
    const means = channelMeans(w);
    expect(Array.from(means)).toEqual([2, 20]);
    expect(Array.from(subtractChannelMeans(w, means).data)).toEqual([-1, 0, 1, -10, -10, 20]);
    const p = matrix(2, 3, [0, 1, 2, 5, 5, 35]);
    expect(Array.from(subtractChannelMeans(p, means).data)).toEqual([-2, -1, 0, -15, -15, 15]);
  });

  it('finds the peak absolute amplitude over all units (1 when flat)', () => {
    expect(peakAmplitude([matrix(1, 3, [-1, 0.5, 0]), matrix(1, 2, [-7, 3])])).toBe(7);
    expect(peakAmplitude([matrix(1, 2, [0, 0])])).toBe(1);
  });

  it('transposes a samples × channels array, and only when the rows do not already fit', () => {
    const transposed = orientToChannels(matrix(3, 2, [1, 4, 2, 5, 3, 6]), 2, 'w');
    expect(transposed.rows).toBe(2);
    expect(Array.from(transposed.data)).toEqual([1, 2, 3, 4, 5, 6]);
    const square = matrix(2, 2, [1, 2, 3, 4]);
    expect(orientToChannels(square, 2, 'w')).toBe(square);
    expect(() => orientToChannels(matrix(2, 3, [0, 0, 0, 0, 0, 0]), 4, 'w')).toThrow(
      'invalid w: expected 4 rows (one per channel id), got a 2×3 array',
    );
  });
});

describe('channel slots in a box', () => {
  const locations = new Map<string, Electrode>([
    ['0', { id: 0, x: 0, y: 0 }],
    ['1', { id: 1, x: 0, y: 40 }],
    ['2', { id: 2, x: 0, y: 20 }],
  ]);

  it('stacks channels top to bottom, deepest last, each as wide as the box', () => {
    const order = orderChannelsByDepth([0, 1, 2], locations);
    expect(order).toEqual([1, 2, 0]);
    const { slots } = verticalSlots(order, { width: 100, height: 306 });
    expect(slots.get('1')).toEqual({ cx: 50, cy: 6 + 49, width: 88, halfHeight: 49 });
    expect(slots.get('0')?.cy).toBeCloseTo(6 + 2.5 * 98);
    expect(orderChannelsByDepth([2, 0], undefined)).toEqual([2, 0]);
  });

  it('centres traces on electrodes (y up), leaving out channels without a location', () => {
    const { slots, layout } = geometrySlots([0, 1, 2, 9], locations, { width: 200, height: 200 });
    expect(layout?.rotated).toBe(false);
    expect([...slots.keys()]).toEqual(['0', '1', '2']);
    const top = slots.get('1');
    const bottom = slots.get('0');
    expect(top && bottom && top.cy < bottom.cy).toBe(true);
    expect(top?.halfHeight).toBeCloseTo(top?.width ?? 0);
    expect(top?.cx).toBeCloseTo(100);
  });
});
