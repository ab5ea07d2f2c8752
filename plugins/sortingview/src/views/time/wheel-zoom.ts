import { zoomFactor } from '../../context/time-selection-reducer.js';

/** A zoom of the shared time selection (a `TimeSelectionAction`). */
export interface ZoomAction {
  type: 'zoomIn' | 'zoomOut';
  factor: number;
  anchorTimeSec: number;
}

/** The zoom step of one wheel notch: the time selection's step (×1.4, as sortingview's). */
export const wheelZoomFactor = zoomFactor;

/**
 * Wheel notches of one wheel event, positive to zoom in (wheel up). A mouse notch is 100 pixels
 * of `deltaY` in Chrome and Firefox; trackpads give fractions of a notch, so zoom stays smooth.
 */
export function wheelNotches(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 33 : deltaMode === 2 ? deltaY * 800 : deltaY;
  return -pixels / 100;
}

/** The zoom action for `notches` (1.4^|n|), anchored so `anchorTimeSec` stays under the mouse. */
export function wheelZoomAction(notches: number, anchorTimeSec: number): ZoomAction {
  const factor = wheelZoomFactor ** Math.abs(notches);
  return { type: notches > 0 ? 'zoomIn' : 'zoomOut', factor, anchorTimeSec };
}

export interface WheelThrottle {
  /** Adds notches at an anchor time; zooms now, or at the end of the current interval. */
  push(notches: number, anchorTimeSec: number): void;
  cancel(): void;
}

/**
 * Throttles wheel zoom to one zoom per `intervalMs` (50 ms in sortingview): notches arriving in
 * between are summed and applied at once as 1.4^n around the latest anchor, so a fast spin
 * neither floods every linked view with renders nor loses notches.
 *
 * @example
 * const throttle = createWheelThrottle((n, t) => dispatch(wheelZoomAction(n, t)));
 * panel.addEventListener('wheel', (e) => throttle.push(wheelNotches(e.deltaY, e.deltaMode), timeAt(e)));
 */
export function createWheelThrottle(
  onZoom: (notches: number, anchorTimeSec: number) => void,
  options: { intervalMs?: number; now?: () => number } = {},
): WheelThrottle {
  const intervalMs = options.intervalMs ?? 50;
  const now = options.now ?? (() => performance.now());
  let pending = 0;
  let anchor = 0;
  let lastFired = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    if (pending === 0) return;
    const notches = pending;
    pending = 0;
    lastFired = now();
    onZoom(notches, anchor);
  };
  return {
    push(notches, anchorTimeSec) {
      if (notches === 0 || !Number.isFinite(notches)) return;
      pending += notches;
      anchor = anchorTimeSec;
      if (timer !== undefined) return;
      const wait = lastFired + intervalMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = 0;
    },
  };
}
