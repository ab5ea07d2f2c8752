import { describe, expect, it } from 'vitest';
import { confusionFractions } from '../../../plugins/sortingview/src/views/units/confusion-matrix/confusion-fractions.js';
import { heatColor } from '../../../plugins/sortingview/src/views/units/similarity-matrix/heat-color.js';
import { heatMapLayout } from '../../../plugins/sortingview/src/views/units/similarity-matrix/heat-map-layout.js';
import {
  buildSimilarityMatrix,
  selectSimilarUnits,
} from '../../../plugins/sortingview/src/views/units/similarity-matrix/similarity-matrix.js';

describe('similarity matrix', () => {
  it('fills both cells of a pair scored one way, and keeps both when scored both ways', () => {
    const values = buildSimilarityMatrix(
      [1, 2, 3],
      [
        { unitId1: 1, unitId2: 2, similarity: 0.9 },
        { unitId1: 3, unitId2: 1, similarity: 0.2 },
        { unitId1: 1, unitId2: 3, similarity: 0.3 },
      ],
    );
    expect(values[0 * 3 + 1]).toBe(0.9);
    expect(values[1 * 3 + 0]).toBe(0.9);
    expect(values[2 * 3 + 0]).toBe(0.2);
    expect(values[0 * 3 + 2]).toBe(0.3);
    expect(Number.isNaN(values[1 * 3 + 2] as number)).toBe(true);
  });

  it('"Select similar units" picks the unit and the 4 most similar, most similar first', () => {
    const ids = [1, 2, 3, 4, 5, 6, 7];
    const scores = [2, 3, 4, 5, 6, 7].map((id) => ({ unitId1: 1, unitId2: id, similarity: id / 10 }));
    const values = buildSimilarityMatrix(ids, scores);
    expect(selectSimilarUnits(ids, values, 1)).toEqual([1, 7, 6, 5, 4]);
    expect(selectSimilarUnits(ids, values, '1', 2)).toEqual([1, 7, 6]);
  });

  it('never picks unscored units, and picks only the unit when it has no scores', () => {
    const ids = [1, 2, 3];
    const values = buildSimilarityMatrix(ids, [{ unitId1: 1, unitId2: 2, similarity: 0.1 }]);
    expect(selectSimilarUnits(ids, values, 1)).toEqual([1, 2]);
    expect(selectSimilarUnits(ids, values, 3)).toEqual([3]);
    expect(selectSimilarUnits(ids, values, 99)).toEqual([99]);
  });
});

describe('heat map layout and colours', () => {
  it('finds the cell under a point and nothing outside the cells', () => {
    const layout = heatMapLayout({ rows: 10, columns: 10, width: 444, height: 444 });
    expect(layout.showLabels).toBe(true);
    expect(layout.cellSize).toBe(40);
    expect(layout.cellAt(layout.x0 + 1, layout.y0 + 1)).toEqual({ row: 0, column: 0 });
    expect(layout.cellAt(layout.x0 + 3 * 40 + 5, layout.y0 + 7 * 40 + 5)).toEqual({ row: 7, column: 3 });
    expect(layout.cellAt(layout.x0 - 1, layout.y0 + 5)).toBeUndefined();
    expect(layout.cellAt(layout.x0 + 400, layout.y0 + 5)).toBeUndefined();
  });

  it('drops labels when cells get too small to name', () => {
    const layout = heatMapLayout({ rows: 500, columns: 500, width: 500, height: 500 });
    expect(layout.showLabels).toBe(false);
    expect(layout.cellSize).toBeLessThan(1);
    expect(layout.cellAt(layout.x0 + 0.5, layout.y0 + 0.5)).toEqual({ row: 0, column: 0 });
    expect(layout.cellAt(layout.x0 + 499.5 * layout.cellSize, layout.y0 + 0.5)).toEqual({ row: 0, column: 499 });
  });

  it('maps the range ends to the scale ends, clamps outside and grays NaN', () => {
    expect(heatColor(0, [0, 1])).toEqual([247, 251, 255]);
    expect(heatColor(1, [0, 1])).toEqual([8, 48, 107]);
    expect(heatColor(5, [0, 1])).toEqual(heatColor(1, [0, 1]));
    expect(heatColor(-1, [-1, 1])).toEqual([247, 251, 255]);
    expect(heatColor(Number.NaN, [0, 1])).toEqual([236, 236, 236]);
  });
});

describe('confusion matrix', () => {
  it('is matched events over the union of both units’ events, NaN where nothing matched', () => {
    const m = confusionFractions({
      sorting1UnitIds: ['A2', 'A1'],
      sorting2UnitIds: ['B1', 'B2'],
      unitEventCounts: [
        { unitId: 'A1', count: 100 },
        { unitId: 'A2', count: 50 },
        { unitId: 'B1', count: 90 },
        { unitId: 'B2', count: 60 },
      ],
      matchingUnitEventCounts: [
        { unitId1: 'A1', unitId2: 'B1', count: 80 },
        { unitId1: 'A2', unitId2: 'B2', count: 50 },
      ],
    });
    expect(m.rowIds).toEqual(['A1', 'A2']);
    expect(m.columnIds).toEqual(['B1', 'B2']);
    expect(m.values[0]).toBeCloseTo(80 / (100 + 90 - 80));
    expect(m.values[3]).toBeCloseTo(50 / 60);
    expect(Number.isNaN(m.values[1] as number)).toBe(true);
    expect(m.matchCount('A1', 'B1')).toBe(80);
    expect(m.eventCount('B2')).toBe(60);
  });
});
