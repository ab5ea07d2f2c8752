import { describe, expect, it } from 'vitest';
import {
  packColor,
  packRasterData,
  sortPackedSegments,
} from '../../../plugins/sortingview/src/views/time/raster/pack-raster-data.js';
import {
  createRasterPaintCache,
  paintRaster,
  type Raster2DContext,
  type RasterFrameSpec,
} from '../../../plugins/sortingview/src/views/time/raster/paint-raster.js';
import {
  collectTickColumns,
  rasterTickWidth,
} from '../../../plugins/sortingview/src/views/time/raster/raster-columns.js';
import { rasterRowAt, rasterRowOrder } from '../../../plugins/sortingview/src/views/time/raster/raster-rows.js';
import { getRasterStats, recordRasterFrame } from '../../../plugins/sortingview/src/views/time/raster/raster-stats.js';

/** Columns the slow way: every spike in [t0, t1), deduplicated. */
function bruteColumns(times: ArrayLike<number>, t0: number, t1: number, columns: number): number[] {
  const set = new Set<number>();
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    const c = Math.floor((t - t0) * (columns / (t1 - t0)));
    if (t >= t0 && c < columns) set.add(c);
  }
  return [...set].sort((a, b) => a - b);
}

function randomTimes(n: number, duration: number, seed: number): Float64Array {
  let s = seed;
  const random = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  return Float64Array.from({ length: n }, () => random() * duration).sort();
}

/** A 2d context good enough for paintRaster: real pixel buffers, text calls recorded. */
function fakeContext() {
  const texts: { text: string; x: number; y: number; font: string }[] = [];
  let putAt: [number, number] | undefined;
  let image: { width: number; height: number; data: Uint8ClampedArray } | undefined;
  const context = {
    font: '',
    fillStyle: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    setTransform() {},
    clearRect() {},
    createImageData(width: number, height: number) {
      return { width, height, data: new Uint8ClampedArray(width * height * 4), colorSpace: 'srgb' };
    },
    putImageData(img: typeof image, x: number, y: number) {
      image = img;
      putAt = [x, y];
    },
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y, font: context.font });
    },
  };
  return {
    context: context as unknown as Raster2DContext,
    texts,
    pixels: () => new Uint32Array((image as { data: Uint8ClampedArray }).data.buffer),
    image: () => image as { width: number; height: number },
    putAt: () => putAt,
  };
}

const margins = { left: 50, right: 40, top: 10, bottom: 30 };

function spec(overrides: Partial<RasterFrameSpec>): RasterFrameSpec {
  return {
    width: 1090,
    height: 640,
    dpr: 1,
    margins,
    startSec: 0,
    endSec: 100,
    rows: Int32Array.from([0]),
    selected: new Uint8Array(1),
    hovered: -1,
    seq: 1,
    ...overrides,
  };
}

describe('sortingview raster: visible spikes by pixel column', () => {
  it('marks each column holding a spike once, ascending, for any window', () => {
    const times = randomTimes(20_000, 100, 7);
    for (const [t0, t1, columns] of [
      [0, 100, 1000],
      [0, 100, 37],
      [12.5, 13.25, 900],
      [99, 100, 10],
      [-5, 3, 500],
    ] as const) {
      const out = new Int32Array(columns);
      const n = collectTickColumns(times, 0, times.length, t0, t1, columns, out);
      expect(Array.from(out.subarray(0, n))).toEqual(bruteColumns(times, t0, t1, columns));
    }
  });

  it('keeps to the unit segment of a packed array and excludes the window end', () => {
    const times = Float64Array.from([1, 2, 3, /* next unit */ 0, 5, 10]);
    const out = new Int32Array(10);
    expect(Array.from(out.subarray(0, collectTickColumns(times, 3, 6, 0, 10, 10, out)))).toEqual([0, 5]);
    expect(collectTickColumns(times, 0, 3, 5, 5, 10, out)).toBe(0);
  });

  it('jumps over crowded columns: a 1,000,000-spike unit costs about one search per column', () => {
    const times = randomTimes(1_000_000, 1000, 3);
    const out = new Int32Array(1000);
    const started = performance.now();
    const n = collectTickColumns(times, 0, times.length, 0, 1000, 1000, out);
    const ms = performance.now() - started;
    expect(n).toBe(1000);
    expect(ms).toBeLessThan(50);
  });

  it('widens ticks to 3 px only when zoomed in past ~8 px between spikes at the mean rate', () => {
    expect(rasterTickWidth(1000 / 100, 5)).toBe(1);
    expect(rasterTickWidth(1000 / 2, 5)).toBe(3);
    expect(rasterTickWidth(0, 5)).toBe(1);
  });
});

describe('sortingview raster: rows', () => {
  it('orders rows by the shared unit order, drops hidden units, appends units not yet ordered', () => {
    const rows = rasterRowOrder([7, 3, 'a', 5], [3, 5, 7], (id) => id !== 5);
    expect(Array.from(rows)).toEqual([1, 0, 2]);
    expect(Array.from(rasterRowOrder([1, 2], [], () => true))).toEqual([0, 1]);
  });

  it('finds the row under the mouse, or none outside the plot', () => {
    expect(rasterRowAt(10, 10, 300, 3)).toBe(0);
    expect(rasterRowAt(309.9, 10, 300, 3)).toBe(2);
    expect(rasterRowAt(150, 10, 300, 3)).toBe(1);
    expect(rasterRowAt(5, 10, 300, 3)).toBe(-1);
    expect(rasterRowAt(310, 10, 300, 3)).toBe(-1);
  });
});

describe('sortingview raster: packing and painting', () => {
  it('copies spikes into one buffer (the view keeps its arrays) and sorts unsorted units', () => {
    const own = Float32Array.from([3, 1, 2]);
    const packed = sortPackedSegments(
      packRasterData(
        [
          { unitId: 1, spikeTimesSec: own },
          { unitId: 'b', spikeTimesSec: [5, 6] },
        ],
        10,
      ),
    );
    expect(Array.from(packed.times)).toEqual([1, 2, 3, 5, 6]);
    expect(Array.from(packed.offsets)).toEqual([0, 3, 5]);
    expect(Array.from(own)).toEqual([3, 1, 2]);
    expect(packed.labels).toEqual(['1', 'b']);
    expect(packed.meanRateHz).toBeCloseTo(5 / 2 / 10);
    expect(packColor('#1f77b4')).toBe(((255 << 24) | (0xb4 << 16) | (0x77 << 8) | 0x1f) >>> 0);
  });

  it('paints one tick per spike column in the unit colour, bands the hovered row, labels both edges', () => {
    const packed = packRasterData(
      [
        { unitId: 0, spikeTimesSec: [10, 10.01, 50] },
        { unitId: 1, spikeTimesSec: [75] },
      ],
      100,
    );
    const fake = fakeContext();
    paintRaster(
      fake.context,
      packed,
      spec({ rows: Int32Array.from([0, 1]), selected: new Uint8Array(2), hovered: 1 }),
      createRasterPaintCache(),
    );
    const { width, height } = fake.image();
    expect([width, height]).toEqual([1000, 600]);
    expect(fake.putAt()).toEqual([50, 10]);
    const pixels = fake.pixels();
    const color0 = packed.colors[0] as number;
    const color1 = packed.colors[1] as number;
    const y = 150; // middle of row 0
    const painted = [];
    for (let x = 0; x < width; x++) if (pixels[y * width + x] === color0) painted.push(x);
    // 10 s and 10.01 s share column 100; so few spikes are drawn 3 px wide (issue #183).
    expect(painted).toEqual([99, 100, 101, 499, 500, 501]);
    const hoverRowY = 450;
    expect(pixels[hoverRowY * width + 750]).toBe(color1);
    expect(pixels[hoverRowY * width + 10]).not.toBe(0); // the hover band
    expect(pixels[y * width + 10]).toBe(0);
    const hoverLabels = fake.texts.filter((t) => t.text === '1');
    expect(hoverLabels.map((t) => t.x)).toEqual([46, 1090 - 40 + 4]);
  });

  it('leaves labels out when rows are under 10 px, and widens ticks when zoomed in', () => {
    const plots = Array.from({ length: 300 }, (_, i) => ({ unitId: i, spikeTimesSec: [50 + i * 0.001] }));
    const packed = packRasterData(plots, 100);
    const rows = Int32Array.from(plots.keys());
    const fake = fakeContext();
    paintRaster(fake.context, packed, spec({ rows, selected: new Uint8Array(300) }), createRasterPaintCache());
    expect(fake.texts).toEqual([]);

    const zoomed = fakeContext();
    paintRaster(
      zoomed.context,
      packed,
      spec({ rows: Int32Array.from([0]), selected: new Uint8Array(300), startSec: 49.5, endSec: 50.5 }),
      createRasterPaintCache(),
    );
    const pixels = zoomed.pixels();
    const row = Array.from(pixels.subarray(300 * 1000, 301 * 1000));
    expect(row.filter((p) => p === packed.colors[0]).length).toBe(3);
  });

  it('paints 1,000,000 spikes over 300 units well inside a frame budget', () => {
    const units = 300;
    const perUnit = Math.round(1_000_000 / units);
    const plots = Array.from({ length: units }, (_, i) => ({
      unitId: i,
      spikeTimesSec: randomTimes(perUnit, 3600, i + 1),
    }));
    const packed = sortPackedSegments(packRasterData(plots, 3600));
    const rows = Int32Array.from(plots.keys());
    const cache = createRasterPaintCache();
    const fake = fakeContext();
    const full = performance.now();
    paintRaster(fake.context, packed, spec({ rows, selected: new Uint8Array(units), endSec: 3600 }), cache);
    const fullMs = performance.now() - full;
    const zoom = performance.now();
    for (let k = 0; k < 10; k++) {
      paintRaster(
        fake.context,
        packed,
        spec({ rows, selected: new Uint8Array(units), startSec: k * 30, endSec: k * 30 + 600 }),
        cache,
      );
    }
    const panMs = (performance.now() - zoom) / 10;
    expect(fullMs).toBeLessThan(250);
    expect(panMs).toBeLessThan(33);
  });

  it('counts frames for the benchmark on the page window', () => {
    const page: Parameters<typeof getRasterStats>[0] = {};
    recordRasterFrame(4, page);
    recordRasterFrame(6, page);
    expect(getRasterStats(page)).toMatchObject({ framesDrawn: 2, lastFrameMs: 6, frameTimes: [4, 6] });
  });
});
