import { useCallback, useSyncExternalStore } from 'react';
import type { UrlState } from './bridge-types.js';
import { getFigurlBridge } from './figurl-bridge.js';

export type SetUrlState<T extends UrlState> = (next: T | ((previous: T) => T)) => void;

/**
 * The figure's URL state (`s`) and a setter. The setter asks the shell to write the URL; the
 * state changes when the shell reports it back (`reportUrlStateChange`), which is also how back
 * and forward arrive, so the plugin and the address bar never disagree.
 *
 * @example
 * const [state, setState] = useUrlState<{ section?: string }>();
 * setState((s) => ({ ...s, section: 'methods' }));
 */
export function useUrlState<T extends UrlState = UrlState>(): [T, SetUrlState<T>] {
  const bridge = getFigurlBridge();
  const state = useSyncExternalStore(bridge.subscribe, bridge.getUrlState) as T;
  const setState = useCallback<SetUrlState<T>>(
    (next) => {
      const value = typeof next === 'function' ? next(bridge.getUrlState() as T) : next;
      bridge.setUrlState(value).catch((err: unknown) => console.error('figurl: setUrlState failed', err));
    },
    [bridge],
  );
  return [state, setState];
}
