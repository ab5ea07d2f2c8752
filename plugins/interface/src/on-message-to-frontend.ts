import { getFigurlBridge } from './figurl-bridge.js';

/**
 * Calls `callback` with each message the page around the shell sends this figure
 * (`messageToFrontend`). Returns the unsubscribe function.
 *
 * @example
 * const off = onMessageToFrontend((message) => applyCuration(message));
 */
export function onMessageToFrontend(callback: (message: unknown) => void): () => void {
  return getFigurlBridge().onMessageToFrontend(callback);
}
