/** Where a rows × columns heat map's cells sit: square cells, labels left and above when they fit. */
export interface HeatMapLayout {
  cellSize: number;
  /** Top-left corner of cell (0, 0). */
  x0: number;
  y0: number;
  showLabels: boolean;
  /** The cell under a point, or undefined outside the cells. */
  cellAt(x: number, y: number): { row: number; column: number } | undefined;
}

/** Cells at least this big (px) get row and column labels. */
const labelCellSize = 12;
const labelRoom = 40;

/**
 * Fits a heat map into a canvas: the largest square cell that fits, labels when cells are big
 * enough to name, centred horizontally.
 *
 * @example
 * const layout = heatMapLayout({ rows: 10, columns: 10, width: 400, height: 400 });
 * layout.cellAt(100, 100); // { row: 1, column: 1 } or so
 */
export function heatMapLayout({
  rows,
  columns,
  width,
  height,
}: {
  rows: number;
  columns: number;
  width: number;
  height: number;
}): HeatMapLayout {
  const fit = (room: number) =>
    Math.min((width - room - 4) / Math.max(1, columns), (height - room - 4) / Math.max(1, rows));
  let cellSize = fit(0);
  const showLabels = fit(labelRoom) >= labelCellSize;
  if (showLabels) cellSize = fit(labelRoom);
  cellSize = Math.max(0.1, cellSize);
  const room = showLabels ? labelRoom : 0;
  const x0 = room + Math.max(0, (width - room - columns * cellSize) / 2);
  const y0 = room;
  return {
    cellSize,
    x0,
    y0,
    showLabels,
    cellAt(x, y) {
      const column = Math.floor((x - x0) / cellSize);
      const row = Math.floor((y - y0) / cellSize);
      if (row < 0 || column < 0 || row >= rows || column >= columns) return undefined;
      return { row, column };
    },
  };
}
