import type { NumericVector } from '../../../data/arrays.js';
import { unitColor } from '../../../data/unit-colors.js';
import type { UnitId } from '../../../data/unit-id.js';
import { isAscending } from '../sorted-range.js';

/**
 * A raster's spikes in the form the painter (and its worker) reads: every unit's times in one
 * Float64Array, unit `p` at `times[offsets[p] .. offsets[p + 1])`, ascending once
 * `sortPackedSegments` ran. Colours are RGBA bytes packed little-endian (ImageData order).
 */
export interface PackedRaster {
  times: Float64Array;
  offsets: Int32Array;
  colors: Uint32Array;
  cssColors: string[];
  labels: string[];
  /** Mean firing rate over all units and the recording, for the tick width. */
  meanRateHz: number;
}

/** `#rrggbb` → a little-endian RGBA word for a Uint32Array view of ImageData. */
export function packColor(hex: string, alpha = 255): number {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex);
  const rgb = match === null ? 0 : Number.parseInt(match[1] as string, 16);
  const r = (rgb >> 16) & 255;
  const g = (rgb >> 8) & 255;
  const b = rgb & 255;
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/**
 * Copies a raster's plots into one packed buffer (the copy is what goes to the worker; the view
 * keeps its own arrays). `durationSec` is the recording length, for the mean rate.
 *
 * @example
 * const packed = packRasterData(data.plots, data.endTimeSec - data.startTimeSec);
 * worker.postMessage({ type: 'data', data: packed }, [packed.times.buffer, packed.offsets.buffer, packed.colors.buffer]);
 */
export function packRasterData(
  plots: readonly { unitId: UnitId; spikeTimesSec: NumericVector }[],
  durationSec: number,
): PackedRaster {
  const offsets = new Int32Array(plots.length + 1);
  plots.forEach((plot, p) => {
    offsets[p + 1] = (offsets[p] as number) + plot.spikeTimesSec.length;
  });
  const total = offsets[plots.length] as number;
  const times = new Float64Array(total);
  plots.forEach((plot, p) => {
    times.set(plot.spikeTimesSec, offsets[p]);
  });
  const cssColors = plots.map((plot) => unitColor(plot.unitId));
  return {
    times,
    offsets,
    colors: Uint32Array.from(cssColors, (c) => packColor(c)),
    cssColors,
    labels: plots.map((plot) => String(plot.unitId)),
    meanRateHz: plots.length > 0 && durationSec > 0 ? total / plots.length / durationSec : 0,
  };
}

/** Sorts each unit's segment in place where it is not already ascending (spike times usually are). */
export function sortPackedSegments(packed: PackedRaster): PackedRaster {
  const { times, offsets } = packed;
  for (let p = 0; p + 1 < offsets.length; p++) {
    const from = offsets[p] as number;
    const to = offsets[p + 1] as number;
    if (!isAscending(times, from, to)) times.subarray(from, to).sort();
  }
  return packed;
}
