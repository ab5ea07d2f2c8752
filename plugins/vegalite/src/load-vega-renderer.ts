let loading: Promise<typeof import('./render-vega.js')> | undefined;

/** Starts loading vega once; `main.tsx` calls it early so it loads while the data does. */
export function loadVegaRenderer(): Promise<typeof import('./render-vega.js')> {
  loading ??= import('./render-vega.js');
  return loading;
}
