import { describe, expect, it } from 'vitest';
import { rectFromCorners } from '../../../plugins/sortingview/src/views/units/shared/drag-rect.js';
import { itemsInRect, nearestWithin } from '../../../plugins/sortingview/src/views/units/shared/pick.js';
import {
  computeProbeLayout,
  minimumSpacing,
} from '../../../plugins/sortingview/src/views/units/shared/probe-layout.js';

// A 2 × 8 shank: 16 µm between columns, 20 µm between rows — tall.
const shank = Array.from({ length: 16 }, (_, i) => ({ x: (i % 2) * 16, y: Math.floor(i / 2) * 20 }));
const wide = shank.map((p) => ({ x: p.y, y: p.x }));

describe('probe layout', () => {
  it('finds the closest electrode spacing', () => {
    expect(minimumSpacing(shank)).toBe(16);
    expect(minimumSpacing([{ x: 0, y: 0 }])).toBe(Number.POSITIVE_INFINITY);
    expect(
      minimumSpacing([
        { x: 0, y: 0 },
        { x: 0, y: 0 },
        { x: 3, y: 4 },
      ]),
    ).toBe(5);
  });

  it('keeps a tall probe upright in a tall canvas, y up, inside the margins', () => {
    const layout = computeProbeLayout(shank, { width: 200, height: 600 });
    expect(layout.rotated).toBe(false);
    const [, yBottom] = layout.toPixel({ x: 0, y: 0 });
    const [, yTop] = layout.toPixel({ x: 0, y: 140 });
    expect(yTop).toBeLessThan(yBottom);
    for (const p of shank) {
      const [x, y] = layout.toPixel(p);
      expect(x - layout.radius).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(x + layout.radius).toBeLessThanOrEqual(190 + 1e-9);
      expect(y - layout.radius).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(y + layout.radius).toBeLessThanOrEqual(590 + 1e-9);
    }
  });

  it('turns a wide probe in a tall canvas (and a tall one in a wide canvas) unless disabled', () => {
    expect(computeProbeLayout(wide, { width: 200, height: 600 }).rotated).toBe(true);
    expect(computeProbeLayout(shank, { width: 600, height: 200 }).rotated).toBe(true);
    expect(computeProbeLayout(wide, { width: 200, height: 600, autoRotate: false }).rotated).toBe(false);
    const turned = computeProbeLayout(wide, { width: 200, height: 600 });
    const [x0, y0] = turned.toPixel({ x: 0, y: 0 });
    const [x1, y1] = turned.toPixel({ x: 140, y: 0 });
    // The long axis now runs down the canvas.
    expect(Math.abs(y1 - y0)).toBeGreaterThan(Math.abs(x1 - x0));
  });

  it('sizes electrodes from the spacing and caps them, so a tetrode does not fill the canvas', () => {
    const tetrode = [
      { x: 0, y: 0 },
      { x: 20, y: 0 },
      { x: 0, y: 20 },
      { x: 20, y: 20 },
    ];
    const layout = computeProbeLayout(tetrode, { width: 1000, height: 1000, maxRadius: 20 });
    expect(layout.radius).toBeCloseTo(20);
    expect(layout.scale).toBeCloseTo(20 / 9);
  });

  it('fits extra points (unit locations) outside the electrodes', () => {
    const layout = computeProbeLayout(shank, { width: 200, height: 600, extraPoints: [{ x: -200, y: 70 }] });
    const [x] = layout.toPixel({ x: -200, y: 70 });
    expect(x).toBeGreaterThanOrEqual(10 - 1e-9);
  });
});

describe('picking', () => {
  const points = [
    { id: 'a', p: [10, 10] as const },
    { id: 'b', p: [14, 10] as const },
    { id: 'c', p: [100, 100] as const },
  ];
  const at = (item: (typeof points)[number]) => item.p;

  it('takes the nearest item within reach', () => {
    expect(nearestWithin(points, at, 13, 10, 5)?.id).toBe('b');
    expect(nearestWithin(points, at, 50, 50, 5)).toBeUndefined();
  });

  it('takes the items in a dragged rectangle, dragged either way', () => {
    expect(itemsInRect(points, at, rectFromCorners({ x: 120, y: 120 }, { x: 12, y: 5 })).map((i) => i.id)).toEqual([
      'b',
      'c',
    ]);
    expect(itemsInRect(points, at, rectFromCorners({ x: 12, y: 5 }, { x: 13, y: 6 }), 5).map((i) => i.id)).toEqual([
      'a',
      'b',
    ]);
  });
});
