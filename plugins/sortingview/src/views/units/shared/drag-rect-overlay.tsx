import type { Rect } from './drag-rect.js';

/** The rectangle being dragged, drawn over a canvas (its parent must be positioned). */
export function DragRectOverlay({ rect }: { rect: Rect | undefined }) {
  if (rect === undefined) return null;
  return (
    <div
      style={{
        position: 'absolute',
        left: rect.x,
        top: rect.y,
        width: rect.width,
        height: rect.height,
        border: '1px dashed #1f5fbf',
        background: 'rgba(31, 95, 191, 0.1)',
        pointerEvents: 'none',
      }}
    />
  );
}
