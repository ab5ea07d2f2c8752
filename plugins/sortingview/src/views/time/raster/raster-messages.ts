import type { PackedRaster } from './pack-raster-data.js';
import type { RasterFrameSpec } from './paint-raster.js';

/**
 * View → raster worker: the canvas once, the spikes once per data (buffers transferred), then
 * only the frame spec (window, size, rows, selection, hover) on each change.
 */
export type ToRasterWorker =
  | { type: 'canvas'; canvas: OffscreenCanvas }
  | { type: 'data'; data: PackedRaster }
  | { type: 'spec'; spec: RasterFrameSpec };

/** Raster worker → view: one message per painted frame (`ms` = paint time in the worker). */
export type FromRasterWorker =
  | { type: 'drawn'; frame: number; ms: number; seq: number }
  | { type: 'error'; message: string };
