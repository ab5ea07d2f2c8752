import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialTimeSelection,
  type TimeSelectionState,
  timeSelectionReducer,
} from '../../../plugins/sortingview/src/context/time-selection-reducer.js';
import {
  initialUnitSelection,
  type UnitSelectionAction,
  type UnitSelectionState,
  unitClickAction,
  unitSelectionReducer,
} from '../../../plugins/sortingview/src/context/unit-selection-reducer.js';

const reduce = (actions: UnitSelectionAction[], from: UnitSelectionState = initialUnitSelection) =>
  actions.reduce(unitSelectionReducer, from);
const selected = (state: UnitSelectionState) => [...state.selectedUnitIds].sort();
const units = reduce([{ type: 'INITIALIZE_UNITS', unitIds: [10, 2, 1, 3, 5, 4] }]);

describe('unit selection (sortingview UnitSelectionContext)', () => {
  it('keeps the sorted union of every view’s units; 1 and "1" are one unit', () => {
    const state = reduce([{ type: 'INITIALIZE_UNITS', unitIds: ['1', 7, 2] }], units);
    expect(state.orderedUnitIds).toEqual([1, 2, 3, 4, 5, 7, 10]);
    expect(reduce([{ type: 'INITIALIZE_UNITS', unitIds: [3, 2] }], units)).toBe(units);
  });

  it('click selects only one unit, ctrl toggles, shift toggles the run from the last click', () => {
    const click = (id: number, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) =>
      unitClickAction(id, { shiftKey: false, ctrlKey: false, metaKey: false, ...mods });
    let state = reduce([click(2), click(4, { ctrlKey: true })], units);
    expect(selected(state)).toEqual(['2', '4']);
    expect(state.currentUnitId).toBeUndefined();
    state = reduce([click(3)], state);
    expect(selected(state)).toEqual(['3']);
    expect(state.currentUnitId).toBe(3);
    state = reduce([click(10, { shiftKey: true })], state);
    expect(selected(state)).toEqual(['10', '3', '4', '5']);
    // Shift-click on a selected unit clears the run back to the last click.
    state = reduce([click(4, { shiftKey: true })], state);
    expect(selected(state)).toEqual(['3']);
  });

  it('select all toggles over the units shown; restriction and "only selected" limit it', () => {
    let state = reduce([{ type: 'TOGGLE_SELECT_ALL' }], units);
    expect(state.selectedUnitIds.size).toBe(6);
    state = reduce([{ type: 'TOGGLE_SELECT_ALL' }], state);
    expect(state.selectedUnitIds.size).toBe(0);
    state = reduce([{ type: 'SET_RESTRICTED_UNITS', unitIds: [1, 2] }, { type: 'TOGGLE_SELECT_ALL' }], state);
    expect(selected(state)).toEqual(['1', '2']);
  });

  it('steps a single selection through the table order, stopping at the ends', () => {
    let state = reduce(
      [
        { type: 'SET_UNIT_ORDER', unitIds: [5, 1, 10, 2, 3, 4] },
        { type: 'UNIQUE_SELECT', unitId: 10 },
      ],
      units,
    );
    state = reduce([{ type: 'UNIQUE_SELECT_NEXT' }, { type: 'UNIQUE_SELECT_NEXT' }], state);
    expect(state.currentUnitId).toBe(3);
    state = reduce([{ type: 'UNIQUE_SELECT_LAST' }, { type: 'UNIQUE_SELECT_NEXT' }], state);
    expect(state.currentUnitId).toBe(4);
    state = reduce([{ type: 'UNIQUE_SELECT_FIRST' }, { type: 'UNIQUE_SELECT_PREVIOUS' }], state);
    expect(state.currentUnitId).toBe(5);
  });

  it('never selects a unit twice and currentUnitId is set exactly when one unit is selected (property)', () => {
    const id = fc.constantFrom(1, 2, 3, 4, 5, 10, '3');
    const action: fc.Arbitrary<UnitSelectionAction> = fc.oneof(
      id.map((unitId) => ({ type: 'UNIQUE_SELECT' as const, unitId })),
      id.map((unitId) => ({ type: 'TOGGLE_UNIT' as const, unitId })),
      id.map((unitId) => ({ type: 'TOGGLE_RANGE' as const, unitId })),
      fc.constant({ type: 'TOGGLE_SELECT_ALL' as const }),
      fc.constant({ type: 'DESELECT_ALL' as const }),
      fc.constant({ type: 'UNIQUE_SELECT_NEXT' as const }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        const state = reduce(actions, units);
        expect(state.selectedUnitIds.size === 1).toBe(state.currentUnitId !== undefined);
        for (const key of state.selectedUnitIds) expect(['1', '2', '3', '4', '5', '10']).toContain(key);
      }),
      { numRuns: 300 },
    );
  });
});

describe('time selection (sortingview TimeseriesSelectionContext)', () => {
  const start = timeSelectionReducer(initialTimeSelection, {
    type: 'initializeTimeRange',
    startTimeSec: 0,
    endTimeSec: 100,
  });

  it('shows the union of the declared ranges', () => {
    const state = timeSelectionReducer(start, { type: 'initializeTimeRange', startTimeSec: -10, endTimeSec: 50 });
    expect([state.timeseriesStartTimeSec, state.timeseriesEndTimeSec]).toEqual([-10, 100]);
  });

  it('zooms by 1.4 about the cursor when it is in view, else the centre; pans by 10 %', () => {
    let state = timeSelectionReducer(start, { type: 'zoomIn' });
    expect(state.visibleStartTimeSec).toBeCloseTo(50 - 50 / 1.4);
    expect(state.visibleEndTimeSec).toBeCloseTo(50 + 50 / 1.4);
    state = timeSelectionReducer(start, { type: 'setFocusTime', timeSec: 20 });
    state = timeSelectionReducer(state, { type: 'zoomIn' });
    expect(state.visibleStartTimeSec).toBeCloseTo(20 - 20 / 1.4);
    expect(state.visibleEndTimeSec).toBeCloseTo(20 + 80 / 1.4);
    const width = (state.visibleEndTimeSec as number) - (state.visibleStartTimeSec as number);
    const panned = timeSelectionReducer(state, { type: 'panForward' });
    expect((panned.visibleStartTimeSec as number) - (state.visibleStartTimeSec as number)).toBeCloseTo(width / 10);
  });

  it('keeps the window inside the range at its width (property)', () => {
    const action = fc.oneof(
      fc.constantFrom(
        { type: 'zoomIn' as const },
        { type: 'zoomOut' as const },
        { type: 'panForward' as const },
        { type: 'panBack' as const },
      ),
      fc.double({ min: -500, max: 500, noNaN: true }).map((deltaT) => ({ type: 'panDeltaT' as const, deltaT })),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        const state = actions.reduce<TimeSelectionState>(timeSelectionReducer, start);
        const v0 = state.visibleStartTimeSec as number;
        const v1 = state.visibleEndTimeSec as number;
        expect(v0).toBeGreaterThanOrEqual(-1e-9);
        expect(v1).toBeLessThanOrEqual(100 + 1e-9);
        expect(v1 - v0).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
