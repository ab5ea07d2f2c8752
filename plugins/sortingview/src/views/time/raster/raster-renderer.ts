import { type PackedRaster, sortPackedSegments } from './pack-raster-data.js';
import { createRasterPaintCache, paintRaster, type RasterFrameSpec } from './paint-raster.js';
import type { FromRasterWorker, ToRasterWorker } from './raster-messages.js';

export interface RasterRenderer {
  /** `pack` copies the spikes; it runs once per data (again if the worker fails and the main thread takes over). */
  setData(pack: () => PackedRaster): void;
  setSpec(spec: RasterFrameSpec): void;
  dispose(): void;
}

function addCanvas(host: HTMLElement): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.style.position = 'absolute';
  canvas.style.left = '0';
  canvas.style.top = '0';
  canvas.style.display = 'block';
  canvas.style.pointerEvents = 'none';
  host.appendChild(canvas);
  return canvas;
}

function sizeCanvas(canvas: HTMLCanvasElement, spec: RasterFrameSpec, setPixels: boolean) {
  canvas.style.width = `${spec.width}px`;
  canvas.style.height = `${spec.height}px`;
  if (!setPixels) return;
  const width = Math.max(1, Math.round(spec.width * spec.dpr));
  const height = Math.max(1, Math.round(spec.height * spec.dpr));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
}

/**
 * Draws a raster into a canvas it adds to `host`: in a dedicated worker through an
 * OffscreenCanvas where the browser allows it, else (no OffscreenCanvas, or the worker cannot
 * start, e.g. in an opaque-origin sandbox) on the main thread with the same painter.
 * `onDrawn` hears of every painted frame.
 *
 * @example
 * const renderer = createRasterRenderer(div, ({ ms }) => recordRasterFrame(ms));
 * renderer.setData(() => packRasterData(plots, duration));
 * renderer.setSpec(spec); // on every window, size, selection or hover change
 */
export function createRasterRenderer(
  host: HTMLElement,
  onDrawn: (frame: { ms: number; seq: number }) => void,
): RasterRenderer {
  let pack: (() => PackedRaster) | undefined;
  let spec: RasterFrameSpec | undefined;
  let canvas = addCanvas(host);
  let worker: Worker | undefined;
  let main:
    | { context: CanvasRenderingContext2D; data: PackedRaster | undefined; request: number | undefined }
    | undefined;
  const cache = createRasterPaintCache();
  let disposed = false;

  const paintMain = () => {
    if (main === undefined) return;
    main.request = undefined;
    if (main.data === undefined || spec === undefined) return;
    const started = performance.now();
    sizeCanvas(canvas, spec, true);
    paintRaster(main.context, main.data, spec, cache);
    onDrawn({ ms: performance.now() - started, seq: spec.seq });
  };
  const scheduleMain = () => {
    if (main !== undefined && main.request === undefined) main.request = requestAnimationFrame(paintMain);
  };
  const post = (message: ToRasterWorker, transfer: Transferable[] = []) => worker?.postMessage(message, transfer);
  const postData = () => {
    if (pack === undefined) return;
    const data = pack();
    post({ type: 'data', data }, [data.times.buffer, data.offsets.buffer, data.colors.buffer]);
  };

  const startMainThread = () => {
    worker?.terminate();
    worker = undefined;
    // A canvas handed to a worker can never be drawn from here again: start on a fresh one.
    canvas.remove();
    canvas = addCanvas(host);
    const context = canvas.getContext('2d');
    if (context === null) return;
    main = { context, data: pack === undefined ? undefined : sortPackedSegments(pack()), request: undefined };
    scheduleMain();
  };

  const canUseWorker =
    typeof Worker !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    typeof canvas.transferControlToOffscreen === 'function';
  if (canUseWorker) {
    try {
      worker = new Worker(new URL('./raster-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<FromRasterWorker>) => {
        if (event.data.type === 'drawn') onDrawn(event.data);
        else if (!disposed) startMainThread();
      };
      worker.onerror = (event) => {
        event.preventDefault();
        if (!disposed) startMainThread();
      };
      const offscreen = canvas.transferControlToOffscreen();
      post({ type: 'canvas', canvas: offscreen }, [offscreen]);
    } catch {
      startMainThread();
    }
  } else {
    startMainThread();
  }

  return {
    setData(next) {
      pack = next;
      if (main !== undefined) {
        main.data = sortPackedSegments(next());
        scheduleMain();
      } else {
        postData();
      }
    },
    setSpec(next) {
      spec = next;
      if (main !== undefined) {
        scheduleMain();
      } else {
        sizeCanvas(canvas, next, false);
        post({ type: 'spec', spec: next });
      }
    },
    dispose() {
      disposed = true;
      worker?.terminate();
      if (main?.request !== undefined) cancelAnimationFrame(main.request);
      canvas.remove();
    },
  };
}
