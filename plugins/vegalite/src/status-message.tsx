import type { ReactNode } from 'react';

/** The loading, empty and error states, announced to screen readers. */
export function StatusMessage({ kind, children }: { kind: 'loading' | 'empty' | 'error'; children: ReactNode }) {
  return (
    <div className={kind === 'error' ? 'status status-error' : 'status'} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
