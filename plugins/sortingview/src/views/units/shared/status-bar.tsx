import type { ReactNode } from 'react';

/** Height (px) of the one-line hint/hover bar under a canvas view. */
export const statusBarHeight = 22;

/** One line under a plot: what is hovered, or how to select. */
export function StatusBar({ children }: { children: ReactNode }) {
  return (
    <div
      style={{
        height: statusBarHeight,
        lineHeight: `${statusBarHeight}px`,
        padding: '0 6px',
        borderTop: '1px solid #ddd',
        background: '#fafafa',
        font: '12px system-ui, sans-serif',
        color: '#444',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        boxSizing: 'border-box',
        flex: '0 0 auto',
      }}
    >
      {children}
    </div>
  );
}
