import { useTimeRangeInitialization, useTimeSelection } from '../../context/time-selection.js';

/**
 * Declares a time view's range [startSec, endSec] (absolute seconds) and returns the shared
 * visible window, or the view's own range until the shared one exists.
 *
 * @example
 * const { startSec, endSec } = useTimeWindow(data.startTimeSec, data.endTimeSec);
 */
export function useTimeWindow(startSec: number, endSec: number): { startSec: number; endSec: number } {
  useTimeRangeInitialization(startSec, endSec);
  const { state } = useTimeSelection();
  const v0 = state.visibleStartTimeSec;
  const v1 = state.visibleEndTimeSec;
  if (v0 !== undefined && v1 !== undefined && v1 > v0) return { startSec: v0, endSec: v1 };
  return endSec > startSec ? { startSec, endSec } : { startSec, endSec: startSec + 1 };
}
