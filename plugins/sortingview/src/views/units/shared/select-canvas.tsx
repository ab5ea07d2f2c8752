import type { PointerEvent, ReactNode } from 'react';
import { Canvas, type DrawFunction, pointerPosition } from '../../../components/canvas.js';
import type { Rect } from './drag-rect.js';
import { DragRectOverlay } from './drag-rect-overlay.js';
import { StatusBar, statusBarHeight } from './status-bar.js';
import type { useDragSelect } from './use-drag-select.js';

/**
 * A canvas whose items are picked by click or a dragged rectangle (the probe views): the
 * drag-select handlers, the rectangle drawn over it, the pointer position for hover (undefined
 * when it leaves), and a status bar under it.
 *
 * @example
 * const { dragRect, handlers } = useDragSelect({ onClick, onSelectRect });
 * return <SelectCanvas width={w} height={h} draw={draw} dragRect={dragRect} handlers={handlers} onHover={hoverAt} status="…" />;
 */
export function SelectCanvas({
  width,
  height,
  draw,
  dragRect,
  handlers,
  onHover,
  status,
}: {
  width: number;
  /** The whole view's height; the canvas gets what the status bar leaves. */
  height: number;
  draw: DrawFunction;
  dragRect: Rect | undefined;
  handlers: ReturnType<typeof useDragSelect>['handlers'];
  onHover(point: { x: number; y: number } | undefined): void;
  status: ReactNode;
}) {
  const canvasHeight = height - statusBarHeight;
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    handlers.onPointerMove(event);
    onHover(pointerPosition(event));
  };
  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
      <div style={{ position: 'relative', width, height: canvasHeight }}>
        <Canvas
          width={width}
          height={canvasHeight}
          draw={draw}
          {...handlers}
          onPointerMove={onPointerMove}
          onPointerLeave={() => onHover(undefined)}
          style={{ touchAction: 'none' }}
        />
        <DragRectOverlay rect={dragRect} />
      </div>
      <StatusBar>{status}</StatusBar>
    </div>
  );
}
