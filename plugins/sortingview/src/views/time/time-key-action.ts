/** A time-panel key's action on the shared time selection (a `TimeSelectionAction`). */
export type TimeKeyAction = { type: 'zoomIn' } | { type: 'zoomOut' } | { type: 'panForward' } | { type: 'panBack' };

const actions: Readonly<Record<string, TimeKeyAction>> = {
  '=': { type: 'zoomIn' },
  '+': { type: 'zoomIn' },
  '-': { type: 'zoomOut' },
  _: { type: 'zoomOut' },
  ArrowRight: { type: 'panForward' },
  ArrowLeft: { type: 'panBack' },
};

/**
 * sortingview's time keys: `=` zooms in, `-` zooms out, → and ← pan by a tenth of the window.
 * Ctrl, Cmd and Alt combinations stay the browser's (page zoom, history): no action.
 *
 * @example
 * timeKeyAction({ key: '=', ctrlKey: false, metaKey: false, altKey: false }); // { type: 'zoomIn' }
 */
export function timeKeyAction(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): TimeKeyAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  return Object.hasOwn(actions, event.key) ? actions[event.key] : undefined;
}
