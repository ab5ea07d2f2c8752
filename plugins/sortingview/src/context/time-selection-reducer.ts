/**
 * One time window shared by every time view (sortingview's TimeseriesSelectionContext): pan and
 * zoom anywhere moves them all; the current time is one cursor.
 */
export interface TimeSelectionState {
  /** The union of every time view's range; undefined until one declares it. */
  timeseriesStartTimeSec: number | undefined;
  timeseriesEndTimeSec: number | undefined;
  visibleStartTimeSec: number | undefined;
  visibleEndTimeSec: number | undefined;
  currentTimeSec: number | undefined;
  /** Shift-click makes an interval. */
  currentTimeIntervalSec: readonly [number, number] | undefined;
}

export type TimeSelectionAction =
  | { type: 'initializeTimeRange'; startTimeSec: number; endTimeSec: number }
  | { type: 'zoomIn' | 'zoomOut'; factor?: number; anchorTimeSec?: number }
  | { type: 'panForward' | 'panBack'; fraction?: number }
  | { type: 'panDeltaT'; deltaT: number }
  | { type: 'setVisibleTimeRange'; startTimeSec: number; endTimeSec: number }
  | { type: 'setFocusTime'; timeSec: number | undefined }
  | { type: 'setFocusTimeInterval'; interval: readonly [number, number] | undefined };

export const zoomFactor = 1.4;
export const panFraction = 0.1;
/** The narrowest window zooming in reaches. */
const minWindowSec = 1e-4;

export const initialTimeSelection: TimeSelectionState = {
  timeseriesStartTimeSec: undefined,
  timeseriesEndTimeSec: undefined,
  visibleStartTimeSec: undefined,
  visibleEndTimeSec: undefined,
  currentTimeSec: undefined,
  currentTimeIntervalSec: undefined,
};

/** The window clamped inside the full range, keeping its width when it fits. */
function clampWindow(state: TimeSelectionState, start: number, end: number): TimeSelectionState {
  const t0 = state.timeseriesStartTimeSec;
  const t1 = state.timeseriesEndTimeSec;
  if (t0 === undefined || t1 === undefined || !(end > start)) return state;
  let width = Math.max(minWindowSec, Math.min(end - start, t1 - t0));
  let s = start;
  if (s < t0) s = t0;
  if (s + width > t1) s = t1 - width;
  if (width <= 0) width = t1 - t0;
  if (s === state.visibleStartTimeSec && s + width === state.visibleEndTimeSec) return state;
  return { ...state, visibleStartTimeSec: s, visibleEndTimeSec: s + width };
}

export function timeSelectionReducer(state: TimeSelectionState, action: TimeSelectionAction): TimeSelectionState {
  const v0 = state.visibleStartTimeSec;
  const v1 = state.visibleEndTimeSec;
  switch (action.type) {
    case 'initializeTimeRange': {
      const start = Math.min(action.startTimeSec, state.timeseriesStartTimeSec ?? action.startTimeSec);
      const end = Math.max(action.endTimeSec, state.timeseriesEndTimeSec ?? action.endTimeSec);
      if (start === state.timeseriesStartTimeSec && end === state.timeseriesEndTimeSec) return state;
      const next = { ...state, timeseriesStartTimeSec: start, timeseriesEndTimeSec: end };
      return v0 === undefined || v1 === undefined
        ? { ...next, visibleStartTimeSec: start, visibleEndTimeSec: end }
        : clampWindow(next, v0, v1);
    }
    case 'zoomIn':
    case 'zoomOut': {
      if (v0 === undefined || v1 === undefined) return state;
      const factor = action.factor ?? zoomFactor;
      const scale = action.type === 'zoomIn' ? 1 / factor : factor;
      // Anchored on the given time, else the current time when it is in view, else the centre.
      const cursor = state.currentTimeSec;
      const anchor =
        action.anchorTimeSec ?? (cursor !== undefined && cursor >= v0 && cursor <= v1 ? cursor : (v0 + v1) / 2);
      return clampWindow(state, anchor - (anchor - v0) * scale, anchor + (v1 - anchor) * scale);
    }
    case 'panForward':
    case 'panBack': {
      if (v0 === undefined || v1 === undefined) return state;
      const delta = (v1 - v0) * (action.fraction ?? panFraction) * (action.type === 'panForward' ? 1 : -1);
      return clampWindow(state, v0 + delta, v1 + delta);
    }
    case 'panDeltaT':
      if (v0 === undefined || v1 === undefined) return state;
      return clampWindow(state, v0 + action.deltaT, v1 + action.deltaT);
    case 'setVisibleTimeRange':
      return clampWindow(state, action.startTimeSec, action.endTimeSec);
    case 'setFocusTime':
      return { ...state, currentTimeSec: action.timeSec, currentTimeIntervalSec: undefined };
    case 'setFocusTimeInterval':
      return { ...state, currentTimeIntervalSec: action.interval };
  }
}
