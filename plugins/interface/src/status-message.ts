import { createElement, type ReactNode } from 'react';

/**
 * A plugin's loading, empty and error states, announced to screen readers (errors as alerts).
 * Styled by `@figurl/plugin-interface/styles/base.css` (`.figurl-status`).
 *
 * @example
 * if (state.status === 'loading') return <StatusMessage kind="loading">Loading the figure data…</StatusMessage>;
 */
export function StatusMessage({ kind, children }: { kind: 'loading' | 'empty' | 'error'; children: ReactNode }) {
  return createElement(
    'div',
    {
      className: kind === 'error' ? 'figurl-status figurl-status-error' : 'figurl-status',
      role: kind === 'error' ? 'alert' : 'status',
    },
    children,
  );
}
