import { type HighlightSpan, highlightFill } from './highlight-spans.js';
import { createValueTicks } from './nice-ticks.js';
import type { TimeFrame } from './time-frame.js';
import { createTimeTicks } from './time-ticks.js';

/** A y axis: value range mapped onto the plot area (max at the top), ticked at round values. */
export interface ValueAxis {
  min: number;
  max: number;
}

export interface GridlineOptions {
  hideX?: boolean;
  hideY?: boolean;
}

const axisColor = '#555';
const gridColor = '#ececec';
const font = '11px sans-serif';

/** y of a value on a panel's y axis. */
export function valueToY(frame: TimeFrame, axis: { min: number; max: number }, value: number): number {
  const span = axis.max > axis.min ? axis.max - axis.min : 1;
  return frame.margins.top + ((axis.max - value) / span) * frame.plotHeight;
}

/**
 * The layer under a time panel's data: highlight spans, grid lines, the time axis with its
 * ticks and labels, and the y axis when the view has one.
 */
export function paintTimeAxes(
  context: CanvasRenderingContext2D,
  frame: TimeFrame,
  options: {
    valueAxis?: ValueAxis | undefined;
    gridlines?: GridlineOptions | undefined;
    spans?: readonly HighlightSpan[];
  },
): void {
  const { margins, plotWidth, plotHeight } = frame;
  const top = margins.top;
  const bottom = margins.top + plotHeight;
  const left = margins.left;
  const right = margins.left + plotWidth;
  if (plotWidth <= 0 || plotHeight <= 0) return;

  for (const span of options.spans ?? []) {
    if (span.endSec < frame.startSec || span.startSec > frame.endSec) continue;
    const x0 = Math.max(left, frame.timeToX(span.startSec));
    const x1 = Math.min(right, frame.timeToX(span.endSec));
    const width = Math.max(1, x1 - x0);
    context.fillStyle = highlightFill(span.color, x1 - x0);
    context.fillRect(x0, top, width, plotHeight);
  }

  const timeTicks = createTimeTicks(frame.startSec, frame.endSec, plotWidth);
  context.font = font;
  context.lineWidth = 1;
  if (!options.gridlines?.hideX) {
    context.strokeStyle = gridColor;
    context.beginPath();
    for (const tick of timeTicks) {
      const x = Math.round(frame.timeToX(tick.value)) + 0.5;
      context.moveTo(x, top);
      context.lineTo(x, bottom);
    }
    context.stroke();
  }
  const axis = options.valueAxis;
  const valueTicks = axis === undefined ? [] : createValueTicks(axis.min, axis.max, plotHeight);
  if (axis !== undefined && !options.gridlines?.hideY) {
    context.strokeStyle = gridColor;
    context.beginPath();
    for (const tick of valueTicks) {
      const y = Math.round(valueToY(frame, axis, tick.value)) + 0.5;
      context.moveTo(left, y);
      context.lineTo(right, y);
    }
    context.stroke();
  }

  context.strokeStyle = axisColor;
  context.fillStyle = axisColor;
  context.beginPath();
  context.moveTo(left, bottom + 0.5);
  context.lineTo(right, bottom + 0.5);
  context.textBaseline = 'top';
  for (const tick of timeTicks) {
    const x = Math.round(frame.timeToX(tick.value)) + 0.5;
    context.moveTo(x, bottom);
    context.lineTo(x, bottom + 4);
    // A label centred on the last tick may run past the panel's right edge: end it there instead.
    const overflows = x + context.measureText(tick.label).width / 2 > frame.width - 2;
    context.textAlign = overflows ? 'right' : 'center';
    context.fillText(tick.label, overflows ? frame.width - 2 : x, bottom + 6);
  }
  if (axis !== undefined) {
    context.moveTo(left - 0.5, top);
    context.lineTo(left - 0.5, bottom);
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    for (const tick of valueTicks) {
      const y = Math.round(valueToY(frame, axis, tick.value)) + 0.5;
      context.moveTo(left - 4, y);
      context.lineTo(left, y);
      context.fillText(tick.label, left - 6, y);
    }
  }
  context.stroke();
}

/** The layer over a time panel's data: the current-time line and the selected interval. */
export function paintTimeCursor(
  context: CanvasRenderingContext2D,
  frame: TimeFrame,
  cursor: { timeSec: number | undefined; interval: readonly [number, number] | undefined },
): void {
  const { margins, plotWidth, plotHeight } = frame;
  const left = margins.left;
  const right = margins.left + plotWidth;
  if (cursor.interval !== undefined) {
    const x0 = Math.max(left, frame.timeToX(cursor.interval[0]));
    const x1 = Math.min(right, frame.timeToX(cursor.interval[1]));
    if (x1 > x0) {
      context.fillStyle = 'rgba(255, 120, 0, 0.15)';
      context.fillRect(x0, margins.top, x1 - x0, plotHeight);
    }
  }
  if (cursor.timeSec !== undefined) {
    const x = frame.timeToX(cursor.timeSec);
    if (x >= left && x <= right) {
      context.strokeStyle = 'red';
      context.lineWidth = 1;
      context.beginPath();
      context.moveTo(Math.round(x) + 0.5, margins.top);
      context.lineTo(Math.round(x) + 0.5, margins.top + plotHeight);
      context.stroke();
    }
  }
}
