import { type CanvasHTMLAttributes, useEffect, useRef } from 'react';

export type DrawFunction = (context: CanvasRenderingContext2D, width: number, height: number) => void;

/**
 * A canvas sized in CSS pixels and backed at the device pixel ratio, redrawn whenever `draw`
 * changes (memoise it with the data it draws). Mouse handlers and the rest pass through.
 *
 * @example
 * const draw = useCallback((ctx, w, h) => { ctx.fillRect(0, 0, w / 2, h); }, []);
 * return <Canvas width={300} height={200} draw={draw} onClick={onClick} />;
 */
export function Canvas({
  width,
  height,
  draw,
  style,
  ...rest
}: { width: number; height: number; draw: DrawFunction } & Omit<
  CanvasHTMLAttributes<HTMLCanvasElement>,
  'width' | 'height'
>) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (canvas === null || width <= 0 || height <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
    if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
    const context = canvas.getContext('2d');
    if (context === null) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    draw(context, width, height);
  }, [width, height, draw]);
  return <canvas ref={ref} style={{ width, height, display: 'block', ...style }} {...rest} />;
}

/** Mouse position in CSS pixels relative to the event's target element. */
export function pointerPosition(event: { clientX: number; clientY: number; currentTarget: Element }): {
  x: number;
  y: number;
} {
  const rect = event.currentTarget.getBoundingClientRect();
  return { x: event.clientX - rect.left, y: event.clientY - rect.top };
}
