import { type KeyboardEvent, type PointerEvent, type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { pointerPosition } from '../../components/canvas.js';
import { useTimeSelection } from '../../context/time-selection.js';
import type { TimeFrame } from './time-frame.js';
import { timeKeyAction } from './time-key-action.js';
import { createWheelThrottle, wheelNotches, wheelZoomAction } from './wheel-zoom.js';

/** Where the mouse is on a time panel, with the modifier keys of the event. */
export interface PlotPointer {
  x: number;
  y: number;
  timeSec: number;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The panel's geometry when the event happened. */
  frame: TimeFrame;
}

interface Drag {
  pointerId: number;
  x: number;
  y: number;
  startSec: number;
  endSec: number;
  secondsPerPixel: number;
  /** Modifier clicks are clicks, never pans. */
  canPan: boolean;
  moved: boolean;
}

/** Moves under this many pixels between press and release are a click, not a pan. */
const clickSlopPx = 3;

function toPointer(frame: TimeFrame, event: PointerEvent<HTMLElement>): PlotPointer {
  const { x, y } = pointerPosition(event);
  const { shiftKey, ctrlKey, metaKey, altKey } = event;
  return { x, y, timeSec: frame.xToTime(x), shiftKey, ctrlKey, metaKey, altKey, frame };
}

/**
 * The time-panel gestures of sortingview's TimeScrollView: wheel zoom anchored at the mouse time
 * (throttled to 50 ms, notches summed into 1.4^n; the panel under the mouse takes the wheel, so
 * the page does not scroll), drag to pan, click for the current time, shift-click for an
 * interval from it, `=`/`-` zoom and ←/→ pan while the panel has focus. `onPlotClick` sees
 * every click first and returns true when it handled it (the raster's unit clicks).
 */
export function useTimeScrollInteraction(options: {
  frame: TimeFrame;
  onPlotClick?: ((pointer: PlotPointer) => boolean) | undefined;
  onHover?: ((pointer: PlotPointer | undefined) => void) | undefined;
  onKeyDown?: ((event: KeyboardEvent<HTMLDivElement>) => void) | undefined;
}): {
  ref: RefObject<HTMLDivElement | null>;
  handlers: {
    onPointerDown(event: PointerEvent<HTMLDivElement>): void;
    onPointerMove(event: PointerEvent<HTMLDivElement>): void;
    onPointerUp(event: PointerEvent<HTMLDivElement>): void;
    onPointerCancel(event: PointerEvent<HTMLDivElement>): void;
    onPointerLeave(event: PointerEvent<HTMLDivElement>): void;
    onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
  };
} {
  const { frame, onPlotClick, onHover, onKeyDown } = options;
  const { state, dispatch } = useTimeSelection();
  const ref = useRef<HTMLDivElement | null>(null);
  const frameRef = useRef(frame);
  const currentTimeRef = useRef(state.currentTimeSec);
  useEffect(() => {
    frameRef.current = frame;
    currentTimeRef.current = state.currentTimeSec;
  });

  // Wheel: a native listener, since React's wheel listeners are passive and cannot stop the page scrolling.
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const throttle = createWheelThrottle((notches, anchor) => dispatch(wheelZoomAction(notches, anchor)));
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const anchor = frameRef.current.xToTime(event.clientX - rect.left);
      throttle.push(wheelNotches(event.deltaY, event.deltaMode), anchor);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      element.removeEventListener('wheel', onWheel);
      throttle.cancel();
    };
  }, [dispatch]);

  // Pan frames go out at most once per animation frame; each carries the whole window.
  const drag = useRef<Drag | undefined>(undefined);
  const pendingPan = useRef<[number, number] | undefined>(undefined);
  const panFrame = useRef<number | undefined>(undefined);
  const flushPan = useCallback(() => {
    panFrame.current = undefined;
    const pan = pendingPan.current;
    pendingPan.current = undefined;
    if (pan !== undefined) dispatch({ type: 'setVisibleTimeRange', startTimeSec: pan[0], endTimeSec: pan[1] });
  }, [dispatch]);
  useEffect(
    () => () => {
      if (panFrame.current !== undefined) cancelAnimationFrame(panFrame.current);
    },
    [],
  );

  const handlers = useMemo(
    () => ({
      onPointerDown(event: PointerEvent<HTMLDivElement>) {
        if (event.button !== 0) return;
        event.currentTarget.focus({ preventScroll: true });
        const { x, y } = pointerPosition(event);
        const f = frameRef.current;
        drag.current = {
          pointerId: event.pointerId,
          x,
          y,
          startSec: f.startSec,
          endSec: f.endSec,
          secondsPerPixel: f.plotWidth > 0 ? (f.endSec - f.startSec) / f.plotWidth : 0,
          canPan: !(event.shiftKey || event.ctrlKey || event.metaKey || event.altKey),
          moved: false,
        };
        event.currentTarget.setPointerCapture?.(event.pointerId);
      },
      onPointerMove(event: PointerEvent<HTMLDivElement>) {
        const d = drag.current;
        if (d === undefined || d.pointerId !== event.pointerId) {
          onHover?.(toPointer(frameRef.current, event));
          return;
        }
        const { x, y } = pointerPosition(event);
        if (!d.moved && Math.hypot(x - d.x, y - d.y) < clickSlopPx) return;
        d.moved = true;
        if (!d.canPan) return;
        const dt = (x - d.x) * d.secondsPerPixel;
        pendingPan.current = [d.startSec - dt, d.endSec - dt];
        if (panFrame.current === undefined) panFrame.current = requestAnimationFrame(flushPan);
      },
      onPointerUp(event: PointerEvent<HTMLDivElement>) {
        const d = drag.current;
        drag.current = undefined;
        if (d === undefined || d.pointerId !== event.pointerId || d.moved) return;
        const pointer = toPointer(frameRef.current, event);
        if (onPlotClick?.(pointer)) return;
        if (pointer.shiftKey) {
          const from = currentTimeRef.current ?? pointer.timeSec;
          const interval = [Math.min(from, pointer.timeSec), Math.max(from, pointer.timeSec)] as const;
          dispatch({ type: 'setFocusTimeInterval', interval });
        } else {
          dispatch({ type: 'setFocusTime', timeSec: pointer.timeSec });
        }
      },
      onPointerCancel() {
        drag.current = undefined;
      },
      onPointerLeave() {
        if (drag.current === undefined) onHover?.(undefined);
      },
      onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
        const action = timeKeyAction(event);
        if (action !== undefined) {
          event.preventDefault();
          dispatch(action);
        }
        onKeyDown?.(event);
      },
    }),
    [dispatch, flushPan, onHover, onKeyDown, onPlotClick],
  );
  return { ref, handlers };
}
