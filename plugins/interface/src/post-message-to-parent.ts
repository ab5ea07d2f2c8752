import { getFigurlBridge } from './figurl-bridge.js';

/**
 * Asks the shell to forward a message to the page that embeds the shell (sortingview's
 * "submit to parent").
 *
 * @example
 * await postMessageToParent({ type: 'submit-curation', curation });
 */
export function postMessageToParent(message: unknown): Promise<void> {
  return getFigurlBridge().postMessageToParent(message);
}
