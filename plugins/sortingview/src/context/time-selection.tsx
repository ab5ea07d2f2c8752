import { createContext, type Dispatch, type ReactNode, useContext, useEffect, useMemo, useReducer } from 'react';

import {
  initialTimeSelection,
  type TimeSelectionAction,
  type TimeSelectionState,
  timeSelectionReducer,
} from './time-selection-reducer.js';

export {
  initialTimeSelection,
  panFraction,
  type TimeSelectionAction,
  type TimeSelectionState,
  timeSelectionReducer,
  zoomFactor,
} from './time-selection-reducer.js';

const TimeSelectionContext = createContext<
  { state: TimeSelectionState; dispatch: Dispatch<TimeSelectionAction> } | undefined
>(undefined);

export function TimeSelectionProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(timeSelectionReducer, initialTimeSelection);
  const value = useMemo(() => ({ state, dispatch }), [state]);
  return <TimeSelectionContext.Provider value={value}>{children}</TimeSelectionContext.Provider>;
}

/**
 * The shared time window and its actions.
 *
 * @example
 * const { state, dispatch } = useTimeSelection();
 * dispatch({ type: 'zoomIn' });
 */
export function useTimeSelection() {
  const context = useContext(TimeSelectionContext);
  if (context === undefined) throw new Error('useTimeSelection outside TimeSelectionProvider');
  return context;
}

/** Declares a time view's range; the shared range is the union of all declared ranges. */
export function useTimeRangeInitialization(startTimeSec: number, endTimeSec: number): void {
  const { dispatch } = useTimeSelection();
  useEffect(() => {
    if (Number.isFinite(startTimeSec) && Number.isFinite(endTimeSec) && endTimeSec > startTimeSec) {
      dispatch({ type: 'initializeTimeRange', startTimeSec, endTimeSec });
    }
  }, [startTimeSec, endTimeSec, dispatch]);
}
