import type { Margins } from '../time-frame.js';
import type { PackedRaster } from './pack-raster-data.js';
import { collectTickColumns, rasterTickWidth } from './raster-columns.js';
import { minLabelledRowPx } from './raster-rows.js';

/** What one raster frame shows, besides the spikes: size, window, rows, selection and hover. */
export interface RasterFrameSpec {
  /** CSS pixels; the canvas is `round(width * dpr)` device pixels wide. */
  width: number;
  height: number;
  dpr: number;
  margins: Margins;
  startSec: number;
  endSec: number;
  /** Plot indices, top row first. */
  rows: Int32Array;
  /** Per plot index: 1 when the unit is selected. */
  selected: Uint8Array;
  /** The hovered plot index, or -1. */
  hovered: number;
  /** Increases with every spec the view sends, so a drawn frame names the spec it showed. */
  seq: number;
}

/**
 * What a painter keeps between frames: the ImageData (panning allocates nothing) and each unit's
 * tick columns for the current window, so frames that change only hover or selection skip the
 * spike scan.
 */
export interface RasterPaintCache {
  image: ImageData | undefined;
  /** Tick columns of the units computed for `window`, unit p at `columns[start[p] .. start[p] + count[p])`. */
  columns: Int32Array;
  used: number;
  start: Int32Array;
  /** -1 where not computed for this window yet. */
  count: Int32Array;
  window: { data: PackedRaster; startSec: number; endSec: number; plotWidth: number } | undefined;
}

export type Raster2DContext = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export function createRasterPaintCache(): RasterPaintCache {
  return {
    image: undefined,
    columns: new Int32Array(0),
    used: 0,
    start: new Int32Array(0),
    count: new Int32Array(0),
    window: undefined,
  };
}

/** Unit p's tick columns in the window, from the cache or scanned now. Returns their offset in `cache.columns`. */
function unitColumns(cache: RasterPaintCache, data: PackedRaster, p: number, spec: RasterFrameSpec, plotWidth: number) {
  const w = cache.window;
  if (
    w === undefined ||
    w.data !== data ||
    w.startSec !== spec.startSec ||
    w.endSec !== spec.endSec ||
    w.plotWidth !== plotWidth
  ) {
    const units = data.offsets.length - 1;
    cache.window = { data, startSec: spec.startSec, endSec: spec.endSec, plotWidth };
    cache.used = 0;
    if (cache.count.length !== units) {
      cache.start = new Int32Array(units);
      cache.count = new Int32Array(units);
    }
    cache.count.fill(-1);
  }
  if ((cache.count[p] as number) < 0) {
    if (cache.columns.length < cache.used + plotWidth) {
      const grown = new Int32Array(Math.max(cache.used + plotWidth, cache.columns.length * 2));
      grown.set(cache.columns.subarray(0, cache.used));
      cache.columns = grown;
    }
    const out = cache.columns.subarray(cache.used, cache.used + plotWidth);
    const from = data.offsets[p] as number;
    const to = data.offsets[p + 1] as number;
    cache.start[p] = cache.used;
    cache.count[p] = collectTickColumns(data.times, from, to, spec.startSec, spec.endSec, plotWidth, out);
    cache.used += cache.count[p] as number;
  }
  return cache.start[p] as number;
}

// Row backgrounds, translucent so grid lines and highlight spans below show through (RGBA, little-endian).
const hoverBand = ((140 << 24) | (0 << 16) | (255 << 8) | 255) >>> 0; // yellow
const selectedBand = ((150 << 24) | (230 << 16) | (216 << 8) | 173) >>> 0; // light blue

/**
 * Paints a raster frame: spikes go into one ImageData of the plot area (one word per device
 * pixel, at most one tick per pixel column per row), then a single `putImageData`; labels are
 * text on top. The same code runs in the worker (OffscreenCanvas) and on the main thread.
 */
export function paintRaster(
  context: Raster2DContext,
  data: PackedRaster,
  spec: RasterFrameSpec,
  cache: RasterPaintCache,
): void {
  const { dpr, margins, rows } = spec;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, Math.round(spec.width * dpr), Math.round(spec.height * dpr));
  const x0 = Math.round(margins.left * dpr);
  const y0 = Math.round(margins.top * dpr);
  const plotWidth = Math.round((spec.width - margins.right) * dpr) - x0;
  const plotHeight = Math.round((spec.height - margins.bottom) * dpr) - y0;
  const rowCount = rows.length;
  if (plotWidth <= 0 || plotHeight <= 0 || rowCount === 0 || !(spec.endSec > spec.startSec)) return;

  let image = cache.image;
  if (image === undefined || image.width !== plotWidth || image.height !== plotHeight) {
    image = context.createImageData(plotWidth, plotHeight);
    cache.image = image;
  }
  const pixels = new Uint32Array(image.data.buffer, image.data.byteOffset, plotWidth * plotHeight);
  pixels.fill(0);

  const pixelsPerSecond = plotWidth / dpr / (spec.endSec - spec.startSec);
  const tickWidth = Math.max(1, Math.round(rasterTickWidth(pixelsPerSecond, data.meanRateHz) * dpr));
  const half = (tickWidth - 1) >> 1;
  const rowHeight = plotHeight / rowCount;
  for (let r = 0; r < rowCount; r++) {
    const p = rows[r] as number;
    const top = Math.round(r * rowHeight);
    const bottom = Math.min(plotHeight, Math.max(top + 1, Math.round((r + 1) * rowHeight)));
    const band = p === spec.hovered ? hoverBand : spec.selected[p] ? selectedBand : 0;
    if (band !== 0) pixels.fill(band, top * plotWidth, bottom * plotWidth);
    const inset = bottom - top >= 5 ? Math.floor((bottom - top) * 0.15) : 0;
    const offset = unitColumns(cache, data, p, spec, plotWidth);
    const count = cache.count[p] as number;
    const columns = cache.columns;
    const color = data.colors[p] as number;
    for (let y = top + inset; y < bottom - inset; y++) {
      const base = y * plotWidth;
      if (tickWidth === 1) {
        for (let k = offset; k < offset + count; k++) pixels[base + (columns[k] as number)] = color;
      } else {
        for (let k = offset; k < offset + count; k++) {
          const start = Math.max(0, (columns[k] as number) - half);
          const end = Math.min(plotWidth, start + tickWidth);
          for (let x = start; x < end; x++) pixels[base + x] = color;
        }
      }
    }
  }
  context.putImageData(image, x0, y0);
  paintRowLabels(context, data, spec, plotHeight / dpr / rowCount);
}

function paintRowLabels(context: Raster2DContext, data: PackedRaster, spec: RasterFrameSpec, rowHeight: number) {
  const { dpr, margins, rows } = spec;
  context.setTransform(dpr, 0, 0, dpr, 0, 0);
  context.textBaseline = 'middle';
  const labelX = margins.left - 4;
  const rowY = (r: number) => margins.top + (r + 0.5) * rowHeight;
  if (rowHeight >= minLabelledRowPx) {
    context.textAlign = 'right';
    for (let r = 0; r < rows.length; r++) {
      const p = rows[r] as number;
      if (p === spec.hovered) continue;
      const selected = spec.selected[p] === 1;
      context.font = selected ? 'bold 11px sans-serif' : '11px sans-serif';
      context.fillStyle = selected ? '#000' : (data.cssColors[p] ?? '#000');
      context.fillText(data.labels[p] ?? '', labelX, rowY(r));
    }
  }
  const hoveredRow = spec.hovered < 0 ? -1 : rows.indexOf(spec.hovered);
  if (hoveredRow >= 0) {
    const label = data.labels[spec.hovered] ?? '';
    context.font = 'bold 12px sans-serif';
    context.fillStyle = '#000';
    context.textAlign = 'right';
    context.fillText(label, labelX, rowY(hoveredRow));
    context.textAlign = 'left';
    context.fillText(label, spec.width - margins.right + 4, rowY(hoveredRow));
  }
}
