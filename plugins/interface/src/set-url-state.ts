import type { UrlState } from './bridge-types.js';
import { getFigurlBridge } from './figurl-bridge.js';

/**
 * Asks the shell to put `state` in its URL (`s`, a history entry). The page's URL state changes
 * when the shell reports it back, as it does for back and forward.
 *
 * @example
 * await setUrlState({ section: 'methods' });
 */
export function setUrlState(state: UrlState): Promise<void> {
  return getFigurlBridge().setUrlState(state);
}
