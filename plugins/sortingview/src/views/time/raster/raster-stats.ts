/** Frame timings of the raster views, read by the benchmark as `window.__sortingviewRasterStats`. */
export interface RasterStats {
  framesDrawn: number;
  lastFrameMs: number;
  /** Paint times of the latest frames (at most `maxFrameTimes`), oldest first. */
  frameTimes: number[];
  /** performance.now() when the first frame showing the latest spikes was reported drawn. */
  firstFrameAt: number | undefined;
  /** From handing new spikes to the renderer to the first frame showing them. */
  firstFrameAfterDataMs: number | undefined;
  /** When the latest spikes were handed over (performance.now()), until their first frame. */
  dataPostedAt: number | undefined;
}

declare global {
  interface Window {
    __sortingviewRasterStats?: RasterStats;
  }
}

const maxFrameTimes = 10_000;

/** The stats object on `target` (the page's window), created empty the first time. */
export function getRasterStats(target: { __sortingviewRasterStats?: RasterStats } = window): RasterStats {
  target.__sortingviewRasterStats ??= {
    framesDrawn: 0,
    lastFrameMs: 0,
    frameTimes: [],
    firstFrameAt: undefined,
    firstFrameAfterDataMs: undefined,
    dataPostedAt: undefined,
  };
  return target.__sortingviewRasterStats;
}

/** Notes that new spikes went to a renderer, to time their first frame. */
export function recordRasterData(target: { __sortingviewRasterStats?: RasterStats } = window): void {
  getRasterStats(target).dataPostedAt = performance.now();
}

/** Counts one painted raster frame that took `ms`. */
export function recordRasterFrame(ms: number, target: { __sortingviewRasterStats?: RasterStats } = window): void {
  const stats = getRasterStats(target);
  stats.framesDrawn += 1;
  stats.lastFrameMs = ms;
  stats.frameTimes.push(ms);
  if (stats.dataPostedAt !== undefined) {
    stats.firstFrameAt = performance.now();
    stats.firstFrameAfterDataMs = stats.firstFrameAt - stats.dataPostedAt;
    stats.dataPostedAt = undefined;
  }
  if (stats.frameTimes.length > maxFrameTimes) stats.frameTimes.splice(0, stats.frameTimes.length - maxFrameTimes);
}
