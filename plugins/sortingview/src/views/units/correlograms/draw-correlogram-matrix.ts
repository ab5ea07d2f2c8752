import { unitColor } from '../../../data/unit-colors.js';
import { type UnitId, unitKey } from '../../../data/unit-id.js';
import type { Correlogram } from './correlogram.js';
import { drawCorrelogram } from './draw-correlogram.js';

/** Room (px) for the unit labels above the columns and left of the rows. */
export const matrixHeaderSize = 18;

const offDiagonalColor = '#8a8a8a';

/**
 * The n×n cross-correlogram matrix: row i, column j shows (unit i, unit j); the diagonal
 * (autocorrelograms) in the unit's colour, the rest gray. Missing pairs stay blank.
 */
export function drawCorrelogramMatrix(
  ctx: CanvasRenderingContext2D,
  {
    unitIds,
    find,
    cellSize,
    showXAxis,
  }: {
    unitIds: readonly UnitId[];
    find(a: UnitId, b: UnitId): Correlogram | undefined;
    cellSize: number;
    showXAxis: boolean;
  },
): void {
  const inset = 3;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  unitIds.forEach((unitId, k) => {
    const centre = matrixHeaderSize + k * cellSize + cellSize / 2;
    ctx.fillStyle = unitColor(unitId);
    ctx.fillText(unitKey(unitId), centre, matrixHeaderSize / 2, cellSize - 4);
    ctx.save();
    ctx.translate(matrixHeaderSize / 2, centre);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(unitKey(unitId), 0, 0, cellSize - 4);
    ctx.restore();
  });
  unitIds.forEach((rowUnit, i) => {
    unitIds.forEach((columnUnit, j) => {
      const x = matrixHeaderSize + j * cellSize;
      const y = matrixHeaderSize + i * cellSize;
      ctx.strokeStyle = '#e2e2e2';
      ctx.lineWidth = 1;
      ctx.strokeRect(x + 0.5, y + 0.5, cellSize - 1, cellSize - 1);
      const correlogram = find(rowUnit, columnUnit);
      if (correlogram === undefined) return;
      drawCorrelogram(
        ctx,
        correlogram,
        { x: x + inset, y: y + inset, width: cellSize - 2 * inset, height: cellSize - 2 * inset },
        { color: i === j ? unitColor(rowUnit) : offDiagonalColor, showXAxis },
      );
    });
  });
}
