import { useCallback, useMemo } from 'react';
import { Canvas, type DrawFunction } from '../../../components/canvas.js';
import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';
import type { Rect } from '../shared/drag-rect.js';
import { DragRectOverlay } from '../shared/drag-rect-overlay.js';
import { type Modifiers, useDragSelect } from '../shared/use-drag-select.js';
import { binIndex, histogram } from './histogram.js';
import { drawPlotFrame, linearScale, plotMargins } from './plot-frame.js';

export interface MetricPoint {
  unitId: UnitId;
  value: number;
}

/**
 * A histogram of one metric over the shown units; selected units marked by lines in their
 * colours. Click a bar to select its units, drag across bars to select a value range
 * (ctrl/cmd/shift adds); clicking outside the bars clears.
 */
export function MetricHistogram({
  label,
  points,
  binCount,
  selectedUnitIds,
  width,
  height,
  onSelect,
}: {
  label: string;
  points: readonly MetricPoint[];
  binCount: number;
  selectedUnitIds: ReadonlySet<string>;
  width: number;
  height: number;
  onSelect(unitIds: UnitId[], modifiers: Modifiers): void;
}) {
  const h = useMemo(
    () =>
      histogram(
        points.map((p) => p.value),
        binCount,
      ),
    [points, binCount],
  );
  const frame = useMemo(() => {
    if (h === undefined) return undefined;
    const x: [number, number] = [h.min, h.min + h.binWidth * h.counts.length];
    const y: [number, number] = [0, Math.max(1, ...h.counts) * 1.08];
    return {
      x,
      y,
      sx: linearScale(x[0], x[1], plotMargins.left, width - plotMargins.right),
      sy: linearScale(y[0], y[1], height - plotMargins.bottom, plotMargins.top),
    };
  }, [h, width, height]);

  const draw = useCallback<DrawFunction>(
    (ctx) => {
      if (h === undefined || frame === undefined) return;
      drawPlotFrame(ctx, { width, height, x: frame.x, y: frame.y, xLabel: label, yLabel: 'units' });
      ctx.fillStyle = '#9aa5b1';
      h.counts.forEach((count, i) => {
        const x0 = frame.sx.toPixel(h.min + i * h.binWidth);
        const x1 = frame.sx.toPixel(h.min + (i + 1) * h.binWidth);
        const top = frame.sy.toPixel(count);
        ctx.fillRect(x0 + 0.5, top, Math.max(1, x1 - x0 - 1), frame.sy.toPixel(0) - top);
      });
      ctx.lineWidth = 2;
      for (const p of points) {
        if (!selectedUnitIds.has(unitKey(p.unitId))) continue;
        const x = frame.sx.toPixel(p.value);
        ctx.strokeStyle = unitColor(p.unitId);
        ctx.beginPath();
        ctx.moveTo(x, plotMargins.top);
        ctx.lineTo(x, height - plotMargins.bottom);
        ctx.stroke();
      }
    },
    [h, frame, points, selectedUnitIds, width, height, label],
  );

  const onClick = useCallback(
    (point: { x: number; y: number }, modifiers: Modifiers) => {
      if (h === undefined || frame === undefined) return;
      const value = frame.sx.toValue(point.x);
      const end = h.min + h.binWidth * h.counts.length;
      if (value < h.min || value > end || point.y > height - plotMargins.bottom) return onSelect([], modifiers);
      const bin = binIndex(h, value);
      onSelect(
        points.filter((p) => binIndex(h, p.value) === bin).map((p) => p.unitId),
        modifiers,
      );
    },
    [h, frame, points, height, onSelect],
  );
  const onSelectRect = useCallback(
    (rect: Rect, modifiers: Modifiers) => {
      if (frame === undefined) return;
      const lo = frame.sx.toValue(rect.x);
      const hi = frame.sx.toValue(rect.x + rect.width);
      onSelect(
        points.filter((p) => p.value >= lo && p.value <= hi).map((p) => p.unitId),
        modifiers,
      );
    },
    [frame, points, onSelect],
  );
  const { dragRect, handlers } = useDragSelect({ onClick, onSelectRect });

  if (h === undefined) {
    return (
      <div style={{ width, height, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#777' }}>
        {label}: no numeric values
      </div>
    );
  }
  return (
    <div style={{ position: 'relative', width, height }}>
      <Canvas width={width} height={height} draw={draw} {...handlers} style={{ touchAction: 'none' }} />
      <DragRectOverlay rect={dragRect} />
    </div>
  );
}
