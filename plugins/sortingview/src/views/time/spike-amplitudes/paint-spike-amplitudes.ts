import { type ValueAxis, valueToY } from '../paint-time-axes.js';
import type { NumberList } from '../sorted-range.js';
import { subsampleWindow } from '../subsample-window.js';
import type { TimeFrame } from '../time-frame.js';

/** Points drawn per unit in the visible window at most (sortingview's client subsampling). */
export const maxPointsPerUnit = 5000;

export interface AmplitudeSeries {
  color: string;
  /** Ascending. */
  times: NumberList;
  amplitudes: NumberList;
}

/**
 * The amplitude scatter: a dashed zero line, then each unit's spikes in the window (at most
 * `maxPointsPerUnit`, evenly subsampled) as 3-px squares in the unit's colour, clipped to the plot.
 */
export function paintSpikeAmplitudes(
  context: CanvasRenderingContext2D,
  frame: TimeFrame,
  axis: ValueAxis,
  series: readonly AmplitudeSeries[],
): void {
  const { margins, plotWidth, plotHeight } = frame;
  if (plotWidth <= 0 || plotHeight <= 0) return;
  context.save();
  context.beginPath();
  context.rect(margins.left, margins.top, plotWidth, plotHeight);
  context.clip();

  const zeroY = Math.round(valueToY(frame, axis, 0)) + 0.5;
  context.strokeStyle = '#777';
  context.lineWidth = 1;
  context.setLineDash([5, 5]);
  context.beginPath();
  context.moveTo(margins.left, zeroY);
  context.lineTo(margins.left + plotWidth, zeroY);
  context.stroke();
  context.setLineDash([]);

  for (const { color, times, amplitudes } of series) {
    const indices = subsampleWindow(times, frame.startSec, frame.endSec, maxPointsPerUnit);
    context.fillStyle = color;
    context.beginPath();
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      const x = frame.timeToX(times[i] as number);
      const y = valueToY(frame, axis, amplitudes[i] as number);
      context.rect(x - 1.5, y - 1.5, 3, 3);
    }
    context.fill();
  }
  context.restore();
}
