// The raster's drawing thread: holds the OffscreenCanvas and the packed spikes (sorted per unit),
// and repaints when a newer frame spec arrives. Specs that arrive while a frame is pending are
// folded into one paint.
import type { PackedRaster } from './pack-raster-data.js';
import { sortPackedSegments } from './pack-raster-data.js';
import { createRasterPaintCache, paintRaster, type RasterFrameSpec } from './paint-raster.js';
import type { FromRasterWorker, ToRasterWorker } from './raster-messages.js';

interface RasterWorkerScope {
  onmessage: ((event: MessageEvent<ToRasterWorker>) => void) | null;
  postMessage(message: FromRasterWorker): void;
}

const scope = self as unknown as RasterWorkerScope;
const cache = createRasterPaintCache();
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | undefined;
let data: PackedRaster | undefined;
let spec: RasterFrameSpec | undefined;
let scheduled = false;
let frame = 0;

function paint() {
  scheduled = false;
  if (canvas === undefined || data === undefined || spec === undefined) return;
  const started = performance.now();
  const width = Math.max(1, Math.round(spec.width * spec.dpr));
  const height = Math.max(1, Math.round(spec.height * spec.dpr));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  context ??= canvas.getContext('2d') ?? undefined;
  if (context === undefined) {
    scope.postMessage({ type: 'error', message: 'the raster worker could not get a 2d context' });
    return;
  }
  paintRaster(context, data, spec, cache);
  frame += 1;
  scope.postMessage({ type: 'drawn', frame, ms: performance.now() - started, seq: spec.seq });
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(paint, 0);
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'canvas') canvas = message.canvas;
  else if (message.type === 'data') data = sortPackedSegments(message.data);
  else spec = message.spec;
  schedule();
};
