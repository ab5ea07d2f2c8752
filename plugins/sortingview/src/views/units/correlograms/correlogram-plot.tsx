import { useCallback } from 'react';
import { Canvas, type DrawFunction } from '../../../components/canvas.js';
import type { Correlogram } from './correlogram.js';
import { drawCorrelogram } from './draw-correlogram.js';

/** One correlogram as a bar plot on its own canvas. */
export function CorrelogramPlot({
  correlogram,
  color,
  showXAxis,
  width,
  height,
}: {
  correlogram: Correlogram;
  color: string;
  showXAxis: boolean;
  width: number;
  height: number;
}) {
  const draw = useCallback<DrawFunction>(
    (ctx, w, h) => drawCorrelogram(ctx, correlogram, { x: 0, y: 0, width: w, height: h }, { color, showXAxis }),
    [correlogram, color, showXAxis],
  );
  return <Canvas width={width} height={height} draw={draw} />;
}
