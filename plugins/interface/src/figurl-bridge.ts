import type { FigurlBridge, FigurlBridgeOptions } from './bridge-types.js';
import { createFigurlBridge } from './create-figurl-bridge.js';

let bridge: FigurlBridge | undefined;

/**
 * Starts this page's bridge to its figurl shell, once. Call it before rendering to choose
 * options; without that call, the first hook or function starts it with the defaults (`p1`).
 *
 * @example
 * startFigurlBridge({ protocol: 'legacy', standalone: { figureData: exampleData } });
 * createRoot(document.getElementById('root')!).render(<App />);
 */
export function startFigurlBridge(options?: FigurlBridgeOptions): FigurlBridge {
  if (bridge !== undefined) {
    if (options !== undefined) {
      throw new Error(
        'figurl: startFigurlBridge(options) was called after the bridge had started: call it before any other figurl function or hook',
      );
    }
    return bridge;
  }
  if (typeof window === 'undefined') throw new Error('figurl: the plugin bridge runs in a browser window');
  bridge = createFigurlBridge(window, options);
  return bridge;
}

/** This page's bridge, started with the defaults if nobody started it. */
export function getFigurlBridge(): FigurlBridge {
  return bridge ?? startFigurlBridge();
}

/** Stops this page's bridge (its listener and waiting requests); the next use starts a new one. */
export function stopFigurlBridge(): void {
  bridge?.stop();
  bridge = undefined;
}
