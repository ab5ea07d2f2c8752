import { type PointerEvent, useCallback, useRef, useState } from 'react';
import { pointerPosition } from '../../../components/canvas.js';
import { type Rect, rectFromCorners } from './drag-rect.js';

/** Movement (px) below which a press is a click, not a drag. */
const clickTolerance = 4;

export interface Modifiers {
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * Click-or-drag on a canvas: a press that barely moves is a click at a point, otherwise the
 * rectangle dragged out (shown while dragging through `dragRect`). The pointer is captured, so a
 * drag may leave the element.
 *
 * @example
 * const { dragRect, handlers } = useDragSelect({ onClick: pickAt, onSelectRect: pickIn });
 * return <Canvas {...handlers} … />;
 */
export function useDragSelect({
  onClick,
  onSelectRect,
}: {
  onClick(point: { x: number; y: number }, modifiers: Modifiers): void;
  onSelectRect(rect: Rect, modifiers: Modifiers): void;
}) {
  const start = useRef<{ x: number; y: number } | undefined>(undefined);
  const [dragRect, setDragRect] = useState<Rect | undefined>(undefined);

  const onPointerDown = useCallback((event: PointerEvent<Element>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = pointerPosition(event);
  }, []);

  const onPointerMove = useCallback((event: PointerEvent<Element>) => {
    const from = start.current;
    if (from === undefined) return;
    const rect = rectFromCorners(from, pointerPosition(event));
    setDragRect(rect.width > clickTolerance || rect.height > clickTolerance ? rect : undefined);
  }, []);

  const onPointerUp = useCallback(
    (event: PointerEvent<Element>) => {
      const from = start.current;
      if (from === undefined) return;
      start.current = undefined;
      setDragRect(undefined);
      const to = pointerPosition(event);
      const rect = rectFromCorners(from, to);
      if (rect.width > clickTolerance || rect.height > clickTolerance) onSelectRect(rect, event);
      else onClick(to, event);
    },
    [onClick, onSelectRect],
  );

  const onPointerCancel = useCallback(() => {
    start.current = undefined;
    setDragRect(undefined);
  }, []);

  return { dragRect, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel } };
}
