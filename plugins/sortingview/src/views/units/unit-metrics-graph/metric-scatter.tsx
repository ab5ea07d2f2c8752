import { useCallback, useMemo } from 'react';
import { Canvas, type DrawFunction } from '../../../components/canvas.js';
import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';
import type { Rect } from '../shared/drag-rect.js';
import { DragRectOverlay } from '../shared/drag-rect-overlay.js';
import { itemsInRect, nearestWithin } from '../shared/pick.js';
import { type Modifiers, useDragSelect } from '../shared/use-drag-select.js';
import { drawPlotFrame, linearScale, paddedExtent, plotMargins } from './plot-frame.js';

export interface ScatterPoint {
  unitId: UnitId;
  x: number;
  y: number;
}

const dotRadius = 4;

/**
 * Two metrics against each other, one dot per unit in its colour; selected units drawn last,
 * outlined. Click a dot to select it (ctrl/cmd toggles, shift a range), drag a rectangle to
 * select the dots in it (ctrl/cmd/shift adds), click empty space to clear.
 */
export function MetricScatter({
  points,
  xLabel,
  yLabel,
  selectedUnitIds,
  width,
  height,
  onClickUnit,
  onSelect,
}: {
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  selectedUnitIds: ReadonlySet<string>;
  width: number;
  height: number;
  onClickUnit(unitId: UnitId, modifiers: Modifiers): void;
  onSelect(unitIds: UnitId[], modifiers: Modifiers): void;
}) {
  const frame = useMemo(() => {
    const x = paddedExtent(points.map((p) => p.x));
    const y = paddedExtent(points.map((p) => p.y));
    return {
      x,
      y,
      sx: linearScale(x[0], x[1], plotMargins.left, width - plotMargins.right),
      sy: linearScale(y[0], y[1], height - plotMargins.bottom, plotMargins.top),
    };
  }, [points, width, height]);
  const drawOrder = useMemo(() => {
    const isSelected = (p: ScatterPoint) => selectedUnitIds.has(unitKey(p.unitId));
    return [...points.filter((p) => !isSelected(p)), ...points.filter(isSelected)];
  }, [points, selectedUnitIds]);
  const position = useCallback((p: ScatterPoint) => [frame.sx.toPixel(p.x), frame.sy.toPixel(p.y)] as const, [frame]);

  const draw = useCallback<DrawFunction>(
    (ctx) => {
      drawPlotFrame(ctx, { width, height, x: frame.x, y: frame.y, xLabel, yLabel });
      const anySelected = selectedUnitIds.size > 0;
      for (const p of drawOrder) {
        const selected = selectedUnitIds.has(unitKey(p.unitId));
        const [x, y] = position(p);
        ctx.beginPath();
        ctx.arc(x, y, selected ? dotRadius + 1 : dotRadius, 0, 2 * Math.PI);
        ctx.globalAlpha = selected || !anySelected ? 0.95 : 0.4;
        ctx.fillStyle = unitColor(p.unitId);
        ctx.fill();
        ctx.globalAlpha = 1;
        if (selected) {
          ctx.lineWidth = 1.5;
          ctx.strokeStyle = '#000';
          ctx.stroke();
        }
      }
    },
    [frame, drawOrder, position, selectedUnitIds, width, height, xLabel, yLabel],
  );

  const onClick = useCallback(
    (point: { x: number; y: number }, modifiers: Modifiers) => {
      const hit = nearestWithin(drawOrder, position, point.x, point.y, dotRadius + 3);
      if (hit !== undefined) onClickUnit(hit.unitId, modifiers);
      else onSelect([], modifiers);
    },
    [drawOrder, position, onClickUnit, onSelect],
  );
  const onSelectRect = useCallback(
    (rect: Rect, modifiers: Modifiers) =>
      onSelect(
        itemsInRect(drawOrder, position, rect, dotRadius).map((p) => p.unitId),
        modifiers,
      ),
    [drawOrder, position, onSelect],
  );
  const { dragRect, handlers } = useDragSelect({ onClick, onSelectRect });

  return (
    <div style={{ position: 'relative', width, height }}>
      <Canvas width={width} height={height} draw={draw} {...handlers} style={{ touchAction: 'none' }} />
      <DragRectOverlay rect={dragRect} />
    </div>
  );
}
