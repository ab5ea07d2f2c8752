import { formatTick, niceTicks } from '../shared/nice-ticks.js';
import type { Correlogram } from './correlogram.js';

export interface PlotArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Height (px) of the lag axis under a correlogram when shown. */
export const correlogramAxisHeight = 14;

/** The drawing calls `drawCorrelogram` makes: a canvas 2-D context, or a recorder in tests. */
export type CorrelogramContext = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'strokeStyle' | 'lineWidth' | 'font' | 'textAlign' | 'textBaseline' | 'fillRect' | 'fillText'
>;

/**
 * Bars of a correlogram filling `area`, each scaled to the largest count; with `showXAxis`, a
 * lag axis in milliseconds (dt) along the bottom.
 *
 * @example
 * drawCorrelogram(ctx, item, { x: 0, y: 0, width: 120, height: 90 }, { color: unitColor(3) });
 */
export function drawCorrelogram(
  ctx: CorrelogramContext,
  c: Correlogram,
  area: PlotArea,
  { color, showXAxis = false }: { color: string; showXAxis?: boolean },
): void {
  const n = c.binCounts.length;
  const t0 = c.binEdgesSec[0] as number;
  const t1 = c.binEdgesSec[n] as number;
  if (n === 0 || !(t1 > t0)) return;
  const plotHeight = showXAxis ? Math.max(1, area.height - correlogramAxisHeight) : area.height;
  const xOf = (t: number) => area.x + ((t - t0) / (t1 - t0)) * area.width;
  const bottom = area.y + plotHeight;

  let maxCount = 0;
  for (let i = 0; i < n; i++) maxCount = Math.max(maxCount, c.binCounts[i] as number);

  ctx.fillStyle = color;
  if (maxCount > 0) {
    for (let i = 0; i < n; i++) {
      const count = c.binCounts[i] as number;
      if (!(count > 0)) continue;
      // Whole-pixel edges: adjacent bars meet without anti-aliased seams.
      const x0 = Math.round(xOf(c.binEdgesSec[i] as number));
      const x1 = Math.round(xOf(c.binEdgesSec[i + 1] as number));
      const h = (count / maxCount) * plotHeight;
      ctx.fillRect(x0, bottom - h, Math.max(1, x1 - x0), h);
    }
  }

  if (!showXAxis) return;
  ctx.fillStyle = '#888';
  ctx.fillRect(area.x, bottom, area.width, 1);
  ctx.fillStyle = '#444';
  ctx.font = '9px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (const ms of niceTicks(t0 * 1000, t1 * 1000, Math.max(2, Math.floor(area.width / 40)))) {
    const x = xOf(ms / 1000);
    ctx.fillRect(x, bottom, 1, 3);
    // Labels at the ends lean inwards so they stay inside the plot.
    ctx.textAlign = x - area.x < 12 ? 'left' : area.x + area.width - x < 12 ? 'right' : 'center';
    ctx.fillText(formatTick(ms), x, bottom + 3);
  }
}
