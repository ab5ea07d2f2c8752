import { useMemo } from 'react';
import { Canvas } from '../../components/canvas.js';
import type { TimeFrame } from './time-frame.js';

/** Makes the drawing of one frame (window, size, margins) of a time view. */
export type DrawForFrame = (frame: TimeFrame) => (context: CanvasRenderingContext2D) => void;

/** A time view's data layer: a canvas of the frame's size, redrawn when the frame or `drawFor` changes. */
export function FrameCanvas({ frame, drawFor }: { frame: TimeFrame; drawFor: DrawForFrame }) {
  const draw = useMemo(() => drawFor(frame), [drawFor, frame]);
  return <Canvas width={frame.width} height={frame.height} draw={draw} />;
}
