import type { ReactNode } from 'react';
import { useTimeSelection } from '../../context/time-selection.js';
import { ToolbarButton } from './toolbar-button.js';

export const timeToolbarHeight = 26;

/** Zoom and pan buttons over a time panel, then the view's own controls (`extras`). */
export function TimeToolbar({ extras }: { extras?: ReactNode }) {
  const { dispatch } = useTimeSelection();
  return (
    <div
      style={{
        height: timeToolbarHeight,
        display: 'flex',
        alignItems: 'center',
        gap: 4,
        padding: '0 4px',
        boxSizing: 'border-box',
        fontSize: 12,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <ToolbarButton title="Zoom in (=)" onClick={() => dispatch({ type: 'zoomIn' })}>
        +
      </ToolbarButton>
      <ToolbarButton title="Zoom out (-)" onClick={() => dispatch({ type: 'zoomOut' })}>
        −
      </ToolbarButton>
      <ToolbarButton title="Pan back (←)" onClick={() => dispatch({ type: 'panBack' })}>
        ◀
      </ToolbarButton>
      <ToolbarButton title="Pan forward (→)" onClick={() => dispatch({ type: 'panForward' })}>
        ▶
      </ToolbarButton>
      {extras}
    </div>
  );
}
