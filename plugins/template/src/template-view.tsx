import type { DataState } from '@figurl/plugin-interface';
import { StatusMessage } from '@figurl/plugin-interface';

/** A pure view: it gets validated data (or why there is none) and renders every state. */
export function TemplateView({ state }: { state: DataState<unknown> }) {
  switch (state.status) {
    case 'loading':
      return (
        <StatusMessage kind="loading">
          Loading the figure data…
          {state.progress !== undefined && ` ${Math.round((100 * state.progress.loaded) / state.progress.total)}%`}
        </StatusMessage>
      );
    case 'error':
      return <StatusMessage kind="error">{state.error.message}</StatusMessage>;
    case 'ready':
      if (state.data === null) return <StatusMessage kind="empty">This figure has no data.</StatusMessage>;
      return (
        <pre className="json" data-testid="figure-json">
          {JSON.stringify(state.data, null, 2)}
        </pre>
      );
  }
}
