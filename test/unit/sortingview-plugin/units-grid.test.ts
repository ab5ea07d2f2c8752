import { describe, expect, it } from 'vitest';
import { scaleBoxSize, stepBoxScale } from '../../../plugins/sortingview/src/views/units/plot-grid/box-scale.js';
import { gridUnits } from '../../../plugins/sortingview/src/views/units/plot-grid/grid-units.js';

const all = () => true;

describe('grid unit order', () => {
  it('follows the shared order (the units table sort), keeping the data’s own ids', () => {
    expect(gridUnits({ dataUnitIds: [1, 2, 3], orderedUnitIds: ['3', '1', '2'], isShown: all })).toEqual([3, 1, 2]);
  });

  it('appends units the shared order does not know yet, in natural order', () => {
    expect(gridUnits({ dataUnitIds: [10, 2, 'x', 1], orderedUnitIds: [2], isShown: all })).toEqual([2, 1, 10, 'x']);
  });

  it('leaves out units of other views, filtered units and, when asked, unselected ones', () => {
    const base = { dataUnitIds: [1, 2, 3, 4], orderedUnitIds: [1, 2, 3, 4, 5] };
    expect(gridUnits({ ...base, isShown: (id) => id !== 2 })).toEqual([1, 3, 4]);
    expect(gridUnits({ ...base, isShown: all, onlySelected: true, selectedUnitIds: new Set(['4', '1', '5']) })).toEqual(
      [1, 4],
    );
    expect(gridUnits({ ...base, isShown: all, onlySelected: true })).toEqual([]);
  });
});

describe('box size steps', () => {
  it('grows and shrinks by 1.3 and returns to where it started', () => {
    expect(stepBoxScale(1, 1)).toBeCloseTo(1.3);
    expect(stepBoxScale(1, -1)).toBeCloseTo(1 / 1.3);
    expect(stepBoxScale(stepBoxScale(1, 1), -1)).toBeCloseTo(1);
  });

  it('stops at the smallest and largest scale', () => {
    let small = 1;
    let large = 1;
    for (let i = 0; i < 40; i++) {
      small = stepBoxScale(small, -1);
      large = stepBoxScale(large, 1);
    }
    expect(small).toBeCloseTo(1.3 ** -5);
    expect(large).toBeCloseTo(1.3 ** 8);
  });

  it('scales the base plot size to whole pixels, never below 16', () => {
    expect(scaleBoxSize({ width: 120, height: 90 }, 1.3)).toEqual({ width: 156, height: 117 });
    expect(scaleBoxSize({ width: 20, height: 20 }, 0.2)).toEqual({ width: 16, height: 16 });
  });
});
