let loading: Promise<typeof import('plotly.js-dist-min')> | undefined;

/**
 * plotly.js is ~1 MB gzipped: it loads on demand so the page paints its loading state at once;
 * `main.tsx` starts it early so it downloads while the shell loads the data.
 */
export function loadPlotly(): Promise<typeof import('plotly.js-dist-min')> {
  loading ??= import('plotly.js-dist-min');
  return loading;
}
