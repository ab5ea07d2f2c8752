import { type ValueAxis, valueToY } from '../paint-time-axes.js';
import { visibleIndexRange } from '../sorted-range.js';
import type { TimeFrame } from '../time-frame.js';
import type { GraphSeries } from './graph-series.js';
import { computeLineEnvelope, type LineEnvelope } from './line-envelope.js';

/** Above this many points per pixel column a line is drawn as its per-column min/max envelope. */
export const envelopePointsPerColumn = 2;

type Context = CanvasRenderingContext2D;

function paintLine(context: Context, frame: TimeFrame, axis: ValueAxis, s: GraphSeries, timeOffset: number) {
  const t0 = frame.startSec - timeOffset;
  const t1 = frame.endSec - timeOffset;
  const [from, to] = visibleIndexRange(s.t, t0, t1);
  if (to - from < 1) return;
  const columns = Math.max(1, Math.ceil(frame.plotWidth));
  if (to - from > envelopePointsPerColumn * columns) {
    paintEnvelope(context, frame, axis, s, computeLineEnvelope(s.t, s.y, from, to, t0, t1, columns), columns);
    return;
  }
  context.strokeStyle = s.color;
  context.lineWidth = s.width;
  context.setLineDash(s.dash ?? []);
  context.beginPath();
  let pen = false;
  for (let i = from; i < to; i++) {
    const value = s.y[i] as number;
    if (!Number.isFinite(value)) {
      pen = false;
      continue;
    }
    const x = frame.timeToX((s.t[i] as number) + timeOffset);
    const y = valueToY(frame, axis, value);
    if (pen) context.lineTo(x, y);
    else context.moveTo(x, y);
    pen = true;
  }
  context.stroke();
  context.setLineDash([]);
}

/**
 * A dense line as one filled bar per pixel column from its lowest to its highest value, each
 * bar reaching the previous column's last value so the line stays joined. Non-overlapping
 * bars rasterise far faster than stroking a zigzag path through every column.
 */
function paintEnvelope(
  context: Context,
  frame: TimeFrame,
  axis: ValueAxis,
  s: GraphSeries,
  env: LineEnvelope,
  columns: number,
) {
  const columnWidth = frame.plotWidth / columns;
  const half = s.width / 2;
  context.fillStyle = s.color;
  context.beginPath();
  for (let k = 0; k < env.count; k++) {
    let lo = env.min[k] as number;
    let hi = env.max[k] as number;
    if (k > 0) {
      const before = env.last[k - 1] as number;
      if (before < lo) lo = before;
      if (before > hi) hi = before;
    }
    const x = frame.margins.left + (env.column[k] as number) * columnWidth;
    const top = valueToY(frame, axis, hi) - half;
    const bottom = valueToY(frame, axis, lo) + half;
    context.rect(x, top, Math.max(columnWidth, s.width), bottom - top);
  }
  context.fill();
}

function paintMarkers(context: Context, frame: TimeFrame, axis: ValueAxis, s: GraphSeries, timeOffset: number) {
  const [from, to] = visibleIndexRange(s.t, frame.startSec - timeOffset, frame.endSec - timeOffset);
  const r = s.radius;
  context.fillStyle = s.color;
  context.beginPath();
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  for (let i = from; i < to; i++) {
    const value = s.y[i] as number;
    if (!Number.isFinite(value)) continue;
    const x = frame.timeToX((s.t[i] as number) + timeOffset);
    const y = valueToY(frame, axis, value);
    // Markers landing on the pixel of the previous one add nothing visible.
    if (Math.round(x) === lastX && Math.round(y) === lastY) continue;
    lastX = Math.round(x);
    lastY = Math.round(y);
    if (s.shape === 'square') {
      context.rect(x - r, y - r, 2 * r, 2 * r);
    } else {
      context.moveTo(x + r, y);
      context.arc(x, y, r, 0, 2 * Math.PI);
    }
  }
  context.fill();
}

function paintIntervals(context: Context, frame: TimeFrame, s: GraphSeries, timeOffset: number) {
  const t0 = frame.startSec - timeOffset;
  const t1 = frame.endSec - timeOffset;
  context.fillStyle = s.color;
  for (let i = 0; i + 1 < s.t.length; i++) {
    if (s.y[i] !== 0) continue;
    const start = s.t[i] as number;
    const end = s.t[i + 1] as number;
    if (end < t0 || start > t1) continue;
    const x0 = frame.timeToX(start + timeOffset);
    const x1 = frame.timeToX(end + timeOffset);
    context.fillRect(x0, frame.margins.top, Math.max(1, x1 - x0), frame.plotHeight);
  }
}

/**
 * Paints a time graph's series in the visible window, clipped to the plot area: intervals
 * first (as backgrounds), then lines and markers in series order. Only the points in the window
 * (plus one each side) are visited; very dense lines are drawn as min/max envelopes.
 */
export function paintGraphSeries(
  context: Context,
  frame: TimeFrame,
  axis: ValueAxis,
  series: readonly GraphSeries[],
  timeOffset: number,
): void {
  const { margins, plotWidth, plotHeight } = frame;
  if (plotWidth <= 0 || plotHeight <= 0) return;
  context.save();
  context.beginPath();
  context.rect(margins.left, margins.top, plotWidth, plotHeight);
  context.clip();
  for (const s of series) if (s.type === 'interval') paintIntervals(context, frame, s, timeOffset);
  for (const s of series) {
    if (s.type === 'line') paintLine(context, frame, axis, s, timeOffset);
    else if (s.type === 'marker') paintMarkers(context, frame, axis, s, timeOffset);
  }
  context.restore();
}
