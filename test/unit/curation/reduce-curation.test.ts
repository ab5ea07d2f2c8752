import { describe, expect, it } from 'vitest';
import {
  parseCuration,
  reduceCuration,
  reduceCurationActions,
  type SortingCuration,
  type SortingCurationAction,
} from '../../../sdk/src/curation/index.js';

/** Freezes a value all the way down, so a reducer that writes to its input throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const reduce = (state: SortingCuration, action: SortingCurationAction) =>
  reduceCuration(deepFreeze(state), deepFreeze(action));

describe('ADD_UNIT_LABEL', () => {
  it('creates labelsByUnit on first use, keyed by String(unitId), and nothing else', () => {
    expect(reduce({}, { type: 'ADD_UNIT_LABEL', unitId: 3, label: 'accept' })).toStrictEqual({
      labelsByUnit: { '3': ['accept'] },
    });
  });

  it('adds the label to every listed unit and keeps each list sorted', () => {
    const state = { labelsByUnit: { '1': ['reject'], '2': ['accept', 'noise'] } };
    expect(reduce(state, { type: 'ADD_UNIT_LABEL', unitId: [1, 2, 5], label: 'mua' })).toStrictEqual({
      labelsByUnit: { '1': ['mua', 'reject'], '2': ['accept', 'mua', 'noise'], '5': ['mua'] },
    });
  });

  it("sorts in JavaScript's default order, as sortingview did (uppercase before lowercase)", () => {
    const state = { labelsByUnit: { '1': ['accept'] } };
    expect(reduce(state, { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'Good' }).labelsByUnit).toEqual({
      '1': ['Good', 'accept'],
    });
  });

  it('returns the same state when every unit already has the label', () => {
    const state = { labelsByUnit: { '1': ['accept'], '2': ['accept', 'noise'] } };
    expect(reduce(state, { type: 'ADD_UNIT_LABEL', unitId: [1, 2], label: 'accept' })).toBe(state);
    expect(reduce(state, { type: 'ADD_UNIT_LABEL', unitId: [], label: 'accept' })).toBe(state);
  });

  it('changes only the units that lacked the label', () => {
    const state = { labelsByUnit: { '1': ['accept'], '2': [] } };
    const next = reduce(state, { type: 'ADD_UNIT_LABEL', unitId: [1, 2], label: 'accept' });
    expect(next.labelsByUnit).toEqual({ '1': ['accept'], '2': ['accept'] });
    expect(next.labelsByUnit?.['1']).toBe(state.labelsByUnit['1']);
  });

  it('treats unit 7 and unit "7" as one unit', () => {
    const state = reduce({}, { type: 'ADD_UNIT_LABEL', unitId: 7, label: 'noise' });
    expect(reduce(state, { type: 'ADD_UNIT_LABEL', unitId: '7', label: 'noise' })).toBe(state);
    expect(reduce(state, { type: 'ADD_UNIT_LABEL', unitId: [7, '7'], label: 'mua' }).labelsByUnit).toEqual({
      '7': ['mua', 'noise'],
    });
  });

  it('accepts any label, not only the Python allow-list', () => {
    expect(reduce({}, { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'bursting' }).labelsByUnit).toEqual({
      '1': ['bursting'],
    });
  });

  it('leaves other keys alone', () => {
    const state = { mergeGroups: [[1, 2]], isClosed: false, labelChoices: ['accept'] };
    const next = reduce(state, { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' });
    expect(next).toStrictEqual({ ...state, labelsByUnit: { '1': ['accept'] } });
    expect(next.mergeGroups).toBe(state.mergeGroups);
  });

  it('keeps units named like Object.prototype members as ordinary units', () => {
    let state: SortingCuration = {};
    for (const unitId of ['constructor', 'toString', '__proto__']) {
      state = reduce(state, { type: 'ADD_UNIT_LABEL', unitId, label: 'noise' });
    }
    expect(Object.getPrototypeOf(state.labelsByUnit)).toBe(Object.prototype);
    expect(Object.keys(state.labelsByUnit ?? {}).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.values(state.labelsByUnit ?? {})).toEqual([['noise'], ['noise'], ['noise']]);
  });
});

describe('REMOVE_UNIT_LABEL', () => {
  it('removes the label from every listed unit, leaving [] where it was the last one', () => {
    const state = { labelsByUnit: { '1': ['accept', 'mua'], '2': ['mua'], '3': ['mua'] } };
    expect(reduce(state, { type: 'REMOVE_UNIT_LABEL', unitId: [1, '2'], label: 'mua' })).toStrictEqual({
      labelsByUnit: { '1': ['accept'], '2': [], '3': ['mua'] },
    });
  });

  it('returns the same state when no listed unit has the label', () => {
    const state = { labelsByUnit: { '1': ['accept'] } };
    expect(reduce(state, { type: 'REMOVE_UNIT_LABEL', unitId: [1, 2], label: 'noise' })).toBe(state);
    const empty = {};
    expect(reduce(empty, { type: 'REMOVE_UNIT_LABEL', unitId: 1, label: 'noise' })).toBe(empty);
  });
});

describe('TOGGLE_UNIT_LABEL', () => {
  const state = { labelsByUnit: { '1': ['noise'], '2': ['noise'], '3': ['accept'] } };

  it('removes the label when every listed unit has it', () => {
    expect(reduce(state, { type: 'TOGGLE_UNIT_LABEL', unitId: [1, 2], label: 'noise' }).labelsByUnit).toEqual({
      '1': [],
      '2': [],
      '3': ['accept'],
    });
  });

  it('adds it to all when some lack it (a mixed selection becomes uniform, not inverted)', () => {
    expect(reduce(state, { type: 'TOGGLE_UNIT_LABEL', unitId: [1, 3], label: 'noise' }).labelsByUnit).toEqual({
      '1': ['noise'],
      '2': ['noise'],
      '3': ['accept', 'noise'],
    });
  });

  it('adds it to a single unit without it, and toggling back restores the labels', () => {
    const on = reduce(state, { type: 'TOGGLE_UNIT_LABEL', unitId: 3, label: 'reject' });
    expect(on.labelsByUnit?.['3']).toEqual(['accept', 'reject']);
    const off = reduce(on, { type: 'TOGGLE_UNIT_LABEL', unitId: 3, label: 'reject' });
    expect(off.labelsByUnit).toEqual(state.labelsByUnit);
  });

  it('returns the same state for an empty unit list', () => {
    expect(reduce(state, { type: 'TOGGLE_UNIT_LABEL', unitId: [], label: 'noise' })).toBe(state);
  });
});

describe('MERGE_UNITS', () => {
  it('creates mergeGroups on first merge and leaves labels untouched', () => {
    const state = { labelsByUnit: { '1': ['accept'] } };
    const next = reduce(state, { type: 'MERGE_UNITS', unitIds: [1, 2] });
    expect(next).toStrictEqual({ labelsByUnit: { '1': ['accept'] }, mergeGroups: [[1, 2]] });
    expect(next.labelsByUnit).toBe(state.labelsByUnit);
  });

  it('joins groups transitively', () => {
    const actions: SortingCurationAction[] = [
      { type: 'MERGE_UNITS', unitIds: [1, 2] },
      { type: 'MERGE_UNITS', unitIds: [3, 4] },
      { type: 'MERGE_UNITS', unitIds: [6, 7] },
      { type: 'MERGE_UNITS', unitIds: [2, 3] },
    ];
    expect(reduceCurationActions(actions).mergeGroups).toEqual([
      [1, 2, 3, 4],
      [6, 7],
    ]);
  });

  it('keeps every unit when one group bridges three (sortingview lost unit 4 here)', () => {
    const state = {
      mergeGroups: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    };
    expect(reduce(state, { type: 'MERGE_UNITS', unitIds: [1, 3, 5] }).mergeGroups).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it('puts a joined group where its first part was', () => {
    const state = {
      mergeGroups: [
        [1, 2],
        [5, 6],
      ],
    };
    expect(reduce(state, { type: 'MERGE_UNITS', unitIds: [6, 7] }).mergeGroups).toEqual([
      [1, 2],
      [5, 6, 7],
    ]);
    expect(reduce(state, { type: 'MERGE_UNITS', unitIds: [7, 5] }).mergeGroups).toEqual([
      [1, 2],
      [5, 6, 7],
    ]);
    const bridged = {
      mergeGroups: [
        [1, 2],
        [8, 9],
        [5, 6],
      ],
    };
    expect(reduce(bridged, { type: 'MERGE_UNITS', unitIds: [1, 5] }).mergeGroups).toEqual([
      [1, 2, 5, 6],
      [8, 9],
    ]);
  });

  it("sorts groups in JavaScript's default (string) order, as sortingview sorted a joined group", () => {
    const state = reduce({}, { type: 'MERGE_UNITS', unitIds: [9, 10] });
    expect(state.mergeGroups).toEqual([[10, 9]]);
    expect(reduce(state, { type: 'MERGE_UNITS', unitIds: [9, 2] }).mergeGroups).toEqual([[10, 2, 9]]);
  });

  it('returns the same state when the merge changes nothing', () => {
    const empty = {};
    expect(reduce(empty, { type: 'MERGE_UNITS', unitIds: [4] })).toBe(empty);
    expect(reduce(empty, { type: 'MERGE_UNITS', unitIds: [4, 4, '4'] })).toBe(empty);
    const merged = reduce(empty, { type: 'MERGE_UNITS', unitIds: [3, 1, 2] });
    expect(reduce(merged, { type: 'MERGE_UNITS', unitIds: [3, 1] })).toBe(merged);
    expect(reduce(merged, { type: 'MERGE_UNITS', unitIds: [2, 1, 3] })).toBe(merged);
  });

  it('joins overlapping groups of a loaded curation on the next merge', () => {
    const loaded = {
      mergeGroups: [
        [1, 2],
        [2, 3],
        [8, 9],
      ],
    };
    expect(reduce(loaded, { type: 'MERGE_UNITS', unitIds: [8, 9] }).mergeGroups).toEqual([
      [1, 2, 3],
      [8, 9],
    ]);
  });
});

describe('UNMERGE_UNITS', () => {
  const state = {
    mergeGroups: [
      [1, 2, 3],
      [4, 5],
    ],
  };

  it('takes the units out of every group', () => {
    expect(reduce(state, { type: 'UNMERGE_UNITS', unitIds: [3] }).mergeGroups).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  it('drops groups left with fewer than two units', () => {
    expect(reduce(state, { type: 'UNMERGE_UNITS', unitIds: [1, 2, 4] })).toStrictEqual({ mergeGroups: [] });
  });

  it('returns the same state when no listed unit is merged', () => {
    expect(reduce(state, { type: 'UNMERGE_UNITS', unitIds: [6, 7] })).toBe(state);
    const empty = {};
    expect(reduce(empty, { type: 'UNMERGE_UNITS', unitIds: [1] })).toBe(empty);
  });

  it('matches a string ID against a number and back', () => {
    const strings = { mergeGroups: [['1', '2', '3']] };
    expect(reduce(strings, { type: 'UNMERGE_UNITS', unitIds: [3] }).mergeGroups).toEqual([['1', '2']]);
    expect(reduce(state, { type: 'UNMERGE_UNITS', unitIds: ['4'] }).mergeGroups).toEqual([[1, 2, 3]]);
  });
});

describe('CLOSE_CURATION and REOPEN_CURATION', () => {
  it('set isClosed, returning the same state when it already has that value', () => {
    const closed = reduce({}, { type: 'CLOSE_CURATION' });
    expect(closed).toStrictEqual({ isClosed: true });
    expect(reduce(closed, { type: 'CLOSE_CURATION' })).toBe(closed);
    const reopened = reduce(closed, { type: 'REOPEN_CURATION' });
    expect(reopened).toStrictEqual({ isClosed: false });
    expect(reduce(reopened, { type: 'REOPEN_CURATION' })).toBe(reopened);
  });

  it('does not add isClosed when reopening a curation that was never closed', () => {
    const open = { labelsByUnit: { '1': ['accept'] } };
    expect(reduce(open, { type: 'REOPEN_CURATION' })).toBe(open);
  });

  it('still applies actions to a closed curation (sortingview bd105ce)', () => {
    const closed = { isClosed: true };
    expect(
      reduceCurationActions(
        [
          { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'reject' },
          { type: 'MERGE_UNITS', unitIds: [2, 3] },
        ],
        closed,
      ),
    ).toStrictEqual({ isClosed: true, labelsByUnit: { '1': ['reject'] }, mergeGroups: [[2, 3]] });
  });
});

describe('SET_CURATION', () => {
  it('replaces the whole state with the given curation', () => {
    const curation = { labelsByUnit: { '9': ['mua'] } };
    const state = { labelsByUnit: { '1': ['accept'] }, mergeGroups: [[1, 2]], isClosed: true };
    expect(reduce(state, { type: 'SET_CURATION', curation })).toBe(curation);
  });
});

describe('real-world curations', () => {
  it('works on SpikeInterface-style string unit IDs', () => {
    const state = reduceCurationActions([
      { type: 'ADD_UNIT_LABEL', unitId: ['a', 'b'], label: 'accept' },
      { type: 'MERGE_UNITS', unitIds: ['c', 'b'] },
      { type: 'MERGE_UNITS', unitIds: ['a', 'c'] },
      { type: 'ADD_UNIT_LABEL', unitId: '#10', label: 'noise' },
      { type: 'UNMERGE_UNITS', unitIds: ['b'] },
    ]);
    expect(state).toStrictEqual({
      labelsByUnit: { a: ['accept'], b: ['accept'], '#10': ['noise'] },
      mergeGroups: [['a', 'c']],
    });
  });

  it('continues a spyglass initial curation (string IDs) with the numeric IDs of the units table', () => {
    // Shape of spyglass `FigURLCurationSelection.generate_curation_uri`.
    const initial = parseCuration(
      JSON.parse('{"labelsByUnit":{"1":["accept"],"2":["noise","reject"],"3":[]},"mergeGroups":[["3","4"]]}'),
    );
    const state = reduceCurationActions(
      [
        { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'mua' },
        { type: 'REMOVE_UNIT_LABEL', unitId: 2, label: 'reject' },
        { type: 'MERGE_UNITS', unitIds: [4, 5] },
        { type: 'UNMERGE_UNITS', unitIds: [3] },
      ],
      initial,
    );
    expect(state).toStrictEqual({
      labelsByUnit: { '1': ['accept', 'mua'], '2': ['noise'], '3': [] },
      mergeGroups: [['4', 5]],
    });
  });
});
