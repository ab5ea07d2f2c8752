/** Space around the plot area for axes and labels, in CSS pixels. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The geometry a time panel draws in: its size, plot area and the visible window, with the
 * time ↔ x mapping (absolute seconds, CSS pixels from the panel's left edge).
 */
export interface TimeFrame {
  width: number;
  height: number;
  margins: Margins;
  startSec: number;
  endSec: number;
  plotWidth: number;
  plotHeight: number;
  timeToX(timeSec: number): number;
  xToTime(x: number): number;
}

/**
 * @example
 * const frame = createTimeFrame({ width: 600, height: 300, margins, startSec: 0, endSec: 10 });
 * frame.timeToX(5); // margins.left + half the plot width
 */
export function createTimeFrame(options: {
  width: number;
  height: number;
  margins: Margins;
  startSec: number;
  endSec: number;
}): TimeFrame {
  const { width, height, margins, startSec, endSec } = options;
  const plotWidth = Math.max(0, width - margins.left - margins.right);
  const plotHeight = Math.max(0, height - margins.top - margins.bottom);
  const span = endSec > startSec ? endSec - startSec : 1;
  const pixelsPerSecond = plotWidth / span;
  return {
    width,
    height,
    margins,
    startSec,
    endSec,
    plotWidth,
    plotHeight,
    timeToX: (t) => margins.left + (t - startSec) * pixelsPerSecond,
    xToTime: (x) => startSec + (pixelsPerSecond > 0 ? (x - margins.left) / pixelsPerSecond : 0),
  };
}
