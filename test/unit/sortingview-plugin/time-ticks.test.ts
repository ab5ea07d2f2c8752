import { describe, expect, it } from 'vitest';
import { createValueTicks, formatFixed, niceStep } from '../../../plugins/sortingview/src/views/time/nice-ticks.js';
import {
  createTimeTicks,
  formatTickTime,
  timeTickStep,
} from '../../../plugins/sortingview/src/views/time/time-ticks.js';

describe('sortingview time views: axis ticks', () => {
  it('rounds steps up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.03)).toBeCloseTo(0.05);
    expect(niceStep(2)).toBe(2);
  });

  it('ticks a value axis at round values inside the range, never "-0"', () => {
    const ticks = createValueTicks(-83, 21, 200);
    expect(ticks.map((t) => t.label)).toEqual(['-80', '-60', '-40', '-20', '0', '20']);
    expect(ticks.every((t) => t.value >= -83 && t.value <= 21)).toBe(true);
    expect(formatFixed(-0.0001, 2)).toBe('0.00');
  });

  it('labels small value steps with enough decimals to tell ticks apart', () => {
    const labels = createValueTicks(0, 0.3, 300).map((t) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('0.10');
  });

  it('gives no ticks for an empty or inverted range', () => {
    expect(createValueTicks(1, 1, 100)).toEqual([]);
    expect(createTimeTicks(5, 2, 100)).toEqual([]);
    expect(createTimeTicks(0, 10, 0)).toEqual([]);
  });

  it('spaces time ticks at least the requested pixels apart at round times', () => {
    for (const [start, end] of [
      [0, 10],
      [12.3, 12.31],
      [100, 3700],
      [-5, 5],
    ] as const) {
      const width = 800;
      const ticks = createTimeTicks(start, end, width, 90);
      expect(ticks.length).toBeGreaterThan(1);
      expect(ticks.length).toBeLessThanOrEqual(Math.floor(width / 90) + 1);
      const step = (ticks[1]?.value ?? 0) - (ticks[0]?.value ?? 0);
      expect((step / (end - start)) * width).toBeGreaterThanOrEqual(90 - 1e-6);
      for (const tick of ticks) expect(Math.abs(tick.value / step - Math.round(tick.value / step))).toBeLessThan(1e-6);
    }
  });

  it('labels sub-second ticks in seconds with the decimals of the step', () => {
    const ticks = createTimeTicks(12.3, 12.31, 800);
    expect(ticks[0]?.label).toMatch(/^12\.30\d* s$/);
    expect(new Set(ticks.map((t) => t.label)).size).toBe(ticks.length);
  });

  it('switches to clock labels once the step is a minute or more', () => {
    expect(timeTickStep(10, 90)).toBe(900);
    expect(formatTickTime(3900, 60)).toBe('1:05:00');
    expect(formatTickTime(750, 60)).toBe('12:30');
    expect(formatTickTime(2.5, 0.5)).toBe('2.5 s');
    expect(createTimeTicks(0, 7200, 800)[1]?.label).toBe('15:00');
  });
});
