import { describe, expect, it } from 'vitest';
import { reverseCorrelogram } from '../../../plugins/sortingview/src/views/units/correlograms/correlogram.js';
import {
  crossCorrelogramUnitIds,
  indexCrossCorrelograms,
} from '../../../plugins/sortingview/src/views/units/correlograms/cross-correlogram-index.js';
import {
  type CorrelogramContext,
  correlogramAxisHeight,
  drawCorrelogram,
} from '../../../plugins/sortingview/src/views/units/correlograms/draw-correlogram.js';

/** A stand-in for the canvas context that records the bars and labels drawn. */
function recorder() {
  const rects: { x: number; y: number; w: number; h: number; fill: string }[] = [];
  const texts: string[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    fillRect(x: number, y: number, w: number, h: number) {
      rects.push({ x, y, w, h, fill: String(this.fillStyle) });
    },
    fillText(text: string) {
      texts.push(text);
    },
  };
  return { ctx: ctx as unknown as CorrelogramContext, rects, texts };
}

const edges = [-0.002, -0.001, 0, 0.001, 0.002];

describe('correlogram drawing', () => {
  it('draws one bar per non-empty bin, the tallest filling the height, in the given colour', () => {
    const { ctx, rects } = recorder();
    drawCorrelogram(
      ctx,
      { binEdgesSec: edges, binCounts: [2, 4, 0, 1] },
      { x: 0, y: 0, width: 100, height: 80 },
      {
        color: '#123456',
      },
    );
    expect(rects).toHaveLength(3);
    expect(rects.every((r) => r.fill === '#123456')).toBe(true);
    const [first, tallest, last] = rects;
    expect(first?.x).toBeCloseTo(0);
    expect(first?.h).toBeCloseTo(40);
    expect(tallest?.x).toBeCloseTo(25);
    expect(tallest?.h).toBeCloseTo(80);
    expect(tallest?.y).toBeCloseTo(0);
    expect(last?.x).toBeCloseTo(75);
    expect(last?.h).toBeCloseTo(20);
  });

  it('with the x axis, leaves room for it and labels lags in milliseconds', () => {
    const { ctx, rects, texts } = recorder();
    drawCorrelogram(
      ctx,
      { binEdgesSec: edges, binCounts: [1, 1, 1, 1] },
      { x: 0, y: 0, width: 100, height: 80 },
      {
        color: 'red',
        showXAxis: true,
      },
    );
    const bars = rects.filter((r) => r.fill === 'red');
    expect(bars[0]?.h).toBeCloseTo(80 - correlogramAxisHeight);
    expect(texts).toContain('0');
    expect(texts).toContain('-2');
    expect(texts).toContain('2');
  });

  it('draws nothing for an empty correlogram', () => {
    const { ctx, rects } = recorder();
    drawCorrelogram(ctx, { binEdgesSec: [0], binCounts: [] }, { x: 0, y: 0, width: 100, height: 80 }, { color: 'red' });
    expect(rects).toHaveLength(0);
  });
});

describe('cross-correlogram pairs', () => {
  const item = { unitId1: 1, unitId2: 2, binEdgesSec: [-0.002, 0, 0.001], binCounts: [5, 7] };

  it('mirrors a pair given only the other way round', () => {
    const reversed = reverseCorrelogram(item);
    expect(Array.from(reversed.binEdgesSec)).toEqual([-0.001, -0, 0.002]);
    expect(Array.from(reversed.binCounts)).toEqual([7, 5]);
    const find = indexCrossCorrelograms([item]);
    expect(find(1, 2)).toBe(item);
    expect(Array.from(find('2', 1)?.binCounts ?? [])).toEqual([7, 5]);
    expect(find(1, 3)).toBeUndefined();
  });

  it('lists every unit mentioned, once', () => {
    expect(crossCorrelogramUnitIds([item, { ...item, unitId1: 2, unitId2: '3' }, { ...item, unitId1: '1' }])).toEqual([
      1,
      2,
      '3',
    ]);
  });
});
