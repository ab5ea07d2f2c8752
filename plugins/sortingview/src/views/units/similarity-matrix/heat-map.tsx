import { type MouseEvent, type PointerEvent, useCallback, useMemo, useState } from 'react';
import { Canvas, type DrawFunction, pointerPosition } from '../../../components/canvas.js';
import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';
import type { Modifiers } from '../shared/use-drag-select.js';
import { heatColor } from './heat-color.js';
import { heatMapLayout } from './heat-map-layout.js';

export interface HeatMapCell {
  row: number;
  column: number;
}

export interface HeatMapProps {
  width: number;
  height: number;
  rowIds: readonly UnitId[];
  columnIds: readonly UnitId[];
  /** rows × columns, row-major; NaN for no value. */
  values: Float64Array;
  range: readonly [number, number];
  selectedUnitIds: ReadonlySet<string>;
  /** Print values in cells big enough to hold them. */
  formatValue?: ((value: number) => string) | undefined;
  onCellClick(cell: HeatMapCell, modifiers: Modifiers): void;
  onHover(cell: HeatMapCell | undefined): void;
}

/** The cells as one image (a pixel per cell), so thousands of units draw with one `drawImage`. */
function renderCells(rows: number, columns: number, values: Float64Array, range: readonly [number, number]) {
  const image = document.createElement('canvas');
  image.width = Math.max(1, columns);
  image.height = Math.max(1, rows);
  const ctx = image.getContext('2d');
  if (ctx === null) return image;
  const pixels = ctx.createImageData(image.width, image.height);
  const { data } = pixels;
  for (let k = 0; k < rows * columns; k++) {
    const [r, g, b] = heatColor(values[k] as number, range);
    data[4 * k] = r;
    data[4 * k + 1] = g;
    data[4 * k + 2] = b;
    data[4 * k + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
  return image;
}

/**
 * A unit × unit heat map on canvas: rows and columns labelled with unit ids (when cells are big
 * enough), selected units' rows and columns tinted, the hovered cell outlined.
 */
export function HeatMap({
  width,
  height,
  rowIds,
  columnIds,
  values,
  range,
  selectedUnitIds,
  formatValue,
  onCellClick,
  onHover,
}: HeatMapProps) {
  const rows = rowIds.length;
  const columns = columnIds.length;
  const layout = useMemo(() => heatMapLayout({ rows, columns, width, height }), [rows, columns, width, height]);
  const image = useMemo(() => renderCells(rows, columns, values, range), [rows, columns, values, range]);
  const [hovered, setHovered] = useState<HeatMapCell | undefined>(undefined);

  const draw = useCallback<DrawFunction>(
    (ctx) => {
      const { cellSize: s, x0, y0 } = layout;
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(image, x0, y0, columns * s, rows * s);
      // Selected units' rows and columns are outlined (after the grid lines, below): a tint
      // would muddy the colour scale the values are read from.
      const selectedBands: [number, number, number, number][] = [];
      rowIds.forEach((id, i) => {
        if (selectedUnitIds.has(unitKey(id))) selectedBands.push([x0, y0 + i * s, columns * s, s]);
      });
      columnIds.forEach((id, j) => {
        if (selectedUnitIds.has(unitKey(id))) selectedBands.push([x0 + j * s, y0, s, rows * s]);
      });
      if (s >= 8) {
        ctx.strokeStyle = 'rgba(255, 255, 255, 0.7)';
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let i = 0; i <= rows; i++) {
          ctx.moveTo(x0, y0 + i * s);
          ctx.lineTo(x0 + columns * s, y0 + i * s);
        }
        for (let j = 0; j <= columns; j++) {
          ctx.moveTo(x0 + j * s, y0);
          ctx.lineTo(x0 + j * s, y0 + rows * s);
        }
        ctx.stroke();
      }
      ctx.strokeStyle = '#f29100';
      ctx.lineWidth = Math.min(2, Math.max(1, s / 4));
      for (const [x, y, w, h] of selectedBands) ctx.strokeRect(x, y, w, h);
      if (formatValue !== undefined && s >= 30) {
        ctx.font = `${Math.min(12, s / 3)}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < columns; j++) {
            const v = values[i * columns + j] as number;
            if (Number.isNaN(v)) continue;
            const dark = (v - range[0]) / (range[1] - range[0]) > 0.5;
            ctx.fillStyle = dark ? '#fff' : '#222';
            ctx.fillText(formatValue(v), x0 + (j + 0.5) * s, y0 + (i + 0.5) * s, s - 2);
          }
        }
      }
      if (layout.showLabels) {
        const fontSize = Math.min(11, Math.max(8, s * 0.8));
        ctx.textBaseline = 'middle';
        rowIds.forEach((id, i) => {
          ctx.font = `${selectedUnitIds.has(unitKey(id)) ? 'bold ' : ''}${fontSize}px system-ui, sans-serif`;
          ctx.fillStyle = unitColor(id);
          ctx.textAlign = 'right';
          ctx.fillText(unitKey(id), x0 - 3, y0 + (i + 0.5) * s, x0 - 4);
        });
        columnIds.forEach((id, j) => {
          ctx.save();
          ctx.translate(x0 + (j + 0.5) * s, y0 - 3);
          ctx.rotate(-Math.PI / 2);
          ctx.font = `${selectedUnitIds.has(unitKey(id)) ? 'bold ' : ''}${fontSize}px system-ui, sans-serif`;
          ctx.fillStyle = unitColor(id);
          ctx.textAlign = 'left';
          ctx.fillText(unitKey(id), 0, 0, y0 - 4);
          ctx.restore();
        });
      }
      if (hovered !== undefined) {
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 2;
        ctx.strokeRect(x0 + hovered.column * s, y0 + hovered.row * s, s, s);
      }
    },
    [layout, image, rows, columns, rowIds, columnIds, selectedUnitIds, values, range, formatValue, hovered],
  );

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = pointerPosition(event);
    const cell = layout.cellAt(x, y);
    if (cell?.row === hovered?.row && cell?.column === hovered?.column) return;
    setHovered(cell);
    onHover(cell);
  };
  const onPointerLeave = () => {
    setHovered(undefined);
    onHover(undefined);
  };
  const onClick = (event: MouseEvent<HTMLCanvasElement>) => {
    const { x, y } = pointerPosition(event);
    const cell = layout.cellAt(x, y);
    if (cell !== undefined) onCellClick(cell, event);
  };

  return (
    <Canvas
      width={width}
      height={height}
      draw={draw}
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
      onClick={onClick}
      style={{ cursor: hovered === undefined ? 'default' : 'pointer' }}
    />
  );
}
