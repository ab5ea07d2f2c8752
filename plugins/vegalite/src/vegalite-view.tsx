import type { DataState } from '@figurl/plugin-interface';
import { StatusMessage } from '@figurl/plugin-interface';
import type { VegaLiteData } from './parse-vegalite-data.js';
import { VegaLiteChart } from './vegalite-chart.js';

/** The plugin's view: loading, empty (`{}`: a figURL without data), error, or the chart. */
export function VegaLiteView({ state, actions }: { state: DataState<VegaLiteData | null>; actions: boolean }) {
  switch (state.status) {
    case 'loading':
      return <StatusMessage kind="loading">Loading the figure data…</StatusMessage>;
    case 'error':
      return <StatusMessage kind="error">{state.error.message}</StatusMessage>;
    case 'ready':
      if (state.data === null) return <StatusMessage kind="empty">This figure has no data.</StatusMessage>;
      return <VegaLiteChart spec={state.data.spec} actions={actions} />;
  }
}
