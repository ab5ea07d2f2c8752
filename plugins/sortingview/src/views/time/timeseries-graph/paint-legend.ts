import type { TimeFrame } from '../time-frame.js';
import type { GraphSeries, LegendLocation } from './graph-series.js';

const entryHeight = 18;
const symbolWidth = 36;
const padding = 8;

/** The legend box in a top corner of the plot: a swatch and the title of each titled line or marker series. */
export function paintLegend(
  context: CanvasRenderingContext2D,
  frame: TimeFrame,
  series: readonly GraphSeries[],
  location: LegendLocation,
): void {
  const entries = series.filter((s) => s.title !== undefined && s.type !== 'interval');
  if (entries.length === 0) return;
  context.save();
  context.font = '12px sans-serif';
  const textWidth = Math.max(...entries.map((s) => context.measureText(s.title ?? '').width));
  const width = padding * 3 + symbolWidth + textWidth;
  const height = padding * 2 + entries.length * entryHeight;
  const { margins, plotWidth } = frame;
  const x = location === 'northwest' ? margins.left + 12 : margins.left + plotWidth - width - 12;
  const y = margins.top + 12;
  context.fillStyle = 'rgba(255, 255, 255, 0.9)';
  context.strokeStyle = '#999';
  context.lineWidth = 1;
  context.fillRect(x, y, width, height);
  context.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);
  context.textAlign = 'left';
  context.textBaseline = 'middle';
  entries.forEach((s, i) => {
    const cy = y + padding + (i + 0.5) * entryHeight;
    const sx = x + padding;
    if (s.type === 'line') {
      context.strokeStyle = s.color;
      context.lineWidth = s.width;
      context.setLineDash(s.dash ?? []);
      context.beginPath();
      context.moveTo(sx, cy);
      context.lineTo(sx + symbolWidth, cy);
      context.stroke();
      context.setLineDash([]);
    } else {
      const r = Math.min(5, Math.max(2, s.radius));
      context.fillStyle = s.color;
      context.beginPath();
      if (s.shape === 'square') context.rect(sx + symbolWidth / 2 - r, cy - r, 2 * r, 2 * r);
      else context.arc(sx + symbolWidth / 2, cy, r, 0, 2 * Math.PI);
      context.fill();
    }
    context.fillStyle = '#222';
    context.fillText(s.title ?? '', sx + symbolWidth + padding, cy);
  });
  context.restore();
}
