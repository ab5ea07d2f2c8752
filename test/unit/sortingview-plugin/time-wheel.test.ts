import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeKeyAction } from '../../../plugins/sortingview/src/views/time/time-key-action.js';
import {
  createWheelThrottle,
  wheelNotches,
  wheelZoomAction,
} from '../../../plugins/sortingview/src/views/time/wheel-zoom.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sortingview time views: wheel zoom', () => {
  it('counts a mouse notch (100 px, or 3 lines) as one, wheel up zooming in', () => {
    expect(wheelNotches(-100)).toBe(1);
    expect(wheelNotches(100)).toBe(-1);
    expect(wheelNotches(-3, 1)).toBeCloseTo(0.99);
    expect(wheelNotches(-4)).toBeCloseTo(0.04);
  });

  it('turns n notches into one 1.4^|n| zoom anchored at the mouse time', () => {
    const zoomIn = wheelZoomAction(2, 25);
    expect(zoomIn.type).toBe('zoomIn');
    expect(zoomIn.factor).toBeCloseTo(1.96);
    expect(zoomIn.anchorTimeSec).toBe(25);
    expect(wheelZoomAction(-1, 10)).toEqual({ type: 'zoomOut', factor: 1.4, anchorTimeSec: 10 });
  });

  it('zooms at once, then sums notches within 50 ms into one zoom at the latest anchor', () => {
    vi.useFakeTimers();
    let now = 0;
    const zooms: [number, number][] = [];
    const throttle = createWheelThrottle((n, t) => zooms.push([n, t]), { intervalMs: 50, now: () => now });
    throttle.push(1, 10);
    expect(zooms).toEqual([[1, 10]]);
    now = 10;
    throttle.push(1, 11);
    now = 20;
    throttle.push(0.5, 12);
    expect(zooms).toHaveLength(1);
    now = 50;
    vi.advanceTimersByTime(40);
    expect(zooms).toEqual([
      [1, 10],
      [1.5, 12],
    ]);
    now = 200;
    throttle.push(-1, 3);
    expect(zooms.at(-1)).toEqual([-1, 3]);
  });

  it('drops pending notches on cancel (the panel unmounted)', () => {
    vi.useFakeTimers();
    let now = 0;
    const zooms: number[] = [];
    const throttle = createWheelThrottle((n) => zooms.push(n), { now: () => now });
    throttle.push(1, 0);
    now = 5;
    throttle.push(1, 0);
    throttle.cancel();
    vi.advanceTimersByTime(100);
    expect(zooms).toEqual([1]);
  });

  it('maps = and - to zoom and the arrows to pan, leaving modified keys to the browser', () => {
    const plain = { ctrlKey: false, metaKey: false, altKey: false };
    expect(timeKeyAction({ key: '=', ...plain })).toEqual({ type: 'zoomIn' });
    expect(timeKeyAction({ key: '-', ...plain })).toEqual({ type: 'zoomOut' });
    expect(timeKeyAction({ key: 'ArrowLeft', ...plain })).toEqual({ type: 'panBack' });
    expect(timeKeyAction({ key: 'ArrowRight', ...plain })).toEqual({ type: 'panForward' });
    expect(timeKeyAction({ key: '-', ...plain, ctrlKey: true })).toBeUndefined();
    expect(timeKeyAction({ key: 'l', ...plain })).toBeUndefined();
    expect(timeKeyAction({ key: 'toString', ...plain })).toBeUndefined();
  });
});
