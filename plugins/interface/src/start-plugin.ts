import { createElement, type ReactElement, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { FigurlBridgeOptions } from './bridge-types.js';
import { startFigurlBridge } from './figurl-bridge.js';
import { readBootParams } from './read-boot-params.js';

/**
 * A plugin's `main.tsx` in one call: starts the bridge (with `testFigureData` answering when the
 * page is opened with `?test=1`, no shell needed) and renders `app` into `#root`.
 *
 * @example
 * startPlugin(<App />, { testFigureData: { spec } });
 */
export function startPlugin(
  app: ReactElement,
  options: { testFigureData?: unknown; bridge?: FigurlBridgeOptions } = {},
): void {
  const test = readBootParams(window.location.search).test && options.testFigureData !== undefined;
  startFigurlBridge({
    ...options.bridge,
    ...(test ? { standalone: { figureData: options.testFigureData } } : {}),
  });
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root element');
  createRoot(root).render(createElement(StrictMode, null, app));
}
