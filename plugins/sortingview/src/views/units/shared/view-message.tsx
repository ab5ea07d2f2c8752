import { StatusMessage } from '@figurl/plugin-interface';
import type { ReactNode } from 'react';

/**
 * An empty state (or a hint like "Select one or more units…") centred in the space a view has:
 * the given size, or the rest of a flex column when no size is given.
 */
export function ViewMessage({ width, height, children }: { width?: number; height?: number; children: ReactNode }) {
  return (
    <div
      style={{
        width,
        height,
        flex: height === undefined ? '1 1 auto' : undefined,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        textAlign: 'center',
        padding: 8,
        boxSizing: 'border-box',
      }}
    >
      <StatusMessage kind="empty">{children}</StatusMessage>
    </div>
  );
}
