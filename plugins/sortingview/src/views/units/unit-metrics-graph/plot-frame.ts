import { extent } from '../../../data/arrays.js';
import { formatTick, niceTicks } from '../shared/nice-ticks.js';

/** Room for tick labels: left of the y axis and under the x axis. */
export const plotMargins = { left: 44, right: 10, top: 18, bottom: 30 } as const;

/** A linear map between a data interval and a pixel interval (either may be reversed). */
export function linearScale(d0: number, d1: number, p0: number, p1: number) {
  const k = d1 === d0 ? 0 : (p1 - p0) / (d1 - d0);
  const toPixel = (v: number) => p0 + (v - d0) * k;
  const toValue = (p: number) => (k === 0 ? d0 : d0 + (p - p0) / k);
  return { toPixel, toValue };
}

/** Data bounds padded by 5 % each side (or ±0.5 around a single value). */
export function paddedExtent(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  const [lo, hi] = extent(values);
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.05, 0.5);
  return [lo - pad, hi + pad];
}

/** Axes with round ticks and a title along each, for a plot filling `width` × `height` minus the margins. */
export function drawPlotFrame(
  ctx: CanvasRenderingContext2D,
  {
    width,
    height,
    x,
    y,
    xLabel,
    yLabel,
  }: {
    width: number;
    height: number;
    x: [number, number];
    y: [number, number];
    xLabel: string;
    yLabel: string;
  },
): void {
  const { left, right, top, bottom } = plotMargins;
  const sx = linearScale(x[0], x[1], left, width - right);
  const sy = linearScale(y[0], y[1], height - bottom, top);
  ctx.strokeStyle = '#888';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left + 0.5, top);
  ctx.lineTo(left + 0.5, height - bottom + 0.5);
  ctx.lineTo(width - right, height - bottom + 0.5);
  ctx.stroke();
  ctx.fillStyle = '#444';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of niceTicks(x[0], x[1], Math.max(2, Math.floor((width - left - right) / 60)))) {
    const px = sx.toPixel(t);
    ctx.fillRect(px, height - bottom, 1, 4);
    ctx.fillText(formatTick(t), px, height - bottom + 5);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of niceTicks(y[0], y[1], Math.max(2, Math.floor((height - top - bottom) / 30)))) {
    const py = sy.toPixel(t);
    ctx.fillRect(left - 4, py, 4, 1);
    ctx.fillText(formatTick(t), left - 6, py);
  }
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(xLabel, (left + width - right) / 2, height - 1, width - left - right);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(yLabel, 2, 2, width - 4);
}
