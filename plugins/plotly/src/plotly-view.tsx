import type { DataState } from '@figurl/plugin-interface';
import { StatusMessage } from '@figurl/plugin-interface';
import type { PlotlyData } from './parse-plotly-data.js';
import { PlotlyChart } from './plotly-chart.js';

/** The plugin's view: loading, empty (no data, or no traces), error, or the chart. */
export function PlotlyView({ state }: { state: DataState<PlotlyData | null> }) {
  switch (state.status) {
    case 'loading':
      return <StatusMessage kind="loading">Loading the figure data…</StatusMessage>;
    case 'error':
      return <StatusMessage kind="error">{state.error.message}</StatusMessage>;
    case 'ready':
      if (state.data === null) return <StatusMessage kind="empty">This figure has no data.</StatusMessage>;
      if (state.data.traces.length === 0) return <StatusMessage kind="empty">This chart has no traces.</StatusMessage>;
      return <PlotlyChart data={state.data} />;
  }
}
