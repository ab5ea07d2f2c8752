import { describe, expect, it } from 'vitest';
import {
  curationToJson,
  normalizeCuration,
  reduceCurationActions,
  type SortingCuration,
  type SortingCurationAction,
} from '../../../sdk/src/curation/index.js';

describe('normalizeCuration', () => {
  it('always has labelsByUnit, mergeGroups and isClosed (SpikeInterface#3308)', () => {
    expect(normalizeCuration({})).toStrictEqual({ labelsByUnit: {}, mergeGroups: [], isClosed: false });
    const labelledOnly = reduceCurationActions([{ type: 'ADD_UNIT_LABEL', unitId: 2, label: 'reject' }]);
    expect(labelledOnly).not.toHaveProperty('mergeGroups');
    expect(normalizeCuration(labelledOnly)).toStrictEqual({
      labelsByUnit: { '2': ['reject'] },
      mergeGroups: [],
      isClosed: false,
    });
  });

  it("gives what sortingview's Python feed reducer returned for the same actions", () => {
    // Worked through by hand with sortingview v0.11.0 `_get_sorting_curation` (integer unit IDs).
    const feed: SortingCurationAction[] = [
      { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' },
      { type: 'ADD_UNIT_LABEL', unitId: [1, 2], label: 'noise' },
      { type: 'MERGE_UNITS', unitIds: [10, 4] },
      { type: 'MERGE_UNITS', unitIds: [9, 10] },
      { type: 'REMOVE_UNIT_LABEL', unitId: 1, label: 'accept' },
      { type: 'CLOSE_CURATION' },
    ];
    const reduced = reduceCurationActions(feed);
    expect(reduced.mergeGroups).toEqual([[10, 4, 9]]);
    expect(normalizeCuration(reduced)).toStrictEqual({
      labelsByUnit: { '1': ['noise'], '2': ['noise'] },
      mergeGroups: [[4, 9, 10]],
      isClosed: true,
    });
  });

  it('joins overlapping groups, drops short ones and sorts like Python (numbers by value, strings by code point)', () => {
    const loaded = {
      labelsByUnit: { '1': ['reject', 'accept', 'reject'] },
      mergeGroups: [['b', 'a'], [10, 9, 2], ['\u{10000}', '\uffff'], [2, 11], [7]],
    };
    expect(normalizeCuration(loaded)).toStrictEqual({
      labelsByUnit: { '1': ['accept', 'reject'] },
      mergeGroups: [
        ['a', 'b'],
        [2, 9, 10, 11],
        ['\uffff', '\u{10000}'],
      ],
      isClosed: false,
    });
  });

  it('puts integers before strings in a group mixing both (Python cannot sort those)', () => {
    expect(normalizeCuration({ mergeGroups: [['4', 3, '1']] }).mergeGroups).toEqual([[3, '1', '4']]);
  });

  it('keeps labelChoices and does not modify its input', () => {
    const state: SortingCuration = Object.freeze({
      labelChoices: Object.freeze(['good']) as string[],
      mergeGroups: Object.freeze([Object.freeze([2, 1]) as number[]]) as number[][],
    });
    const normalized = normalizeCuration(state);
    expect(normalized).toStrictEqual({
      labelsByUnit: {},
      mergeGroups: [[1, 2]],
      isClosed: false,
      labelChoices: ['good'],
    });
    expect(normalized.labelChoices).not.toBe(state.labelChoices);
  });
});

describe('curationToJson', () => {
  it('writes compact JSON with keys sorted at every level', () => {
    const state = { mergeGroups: [[1, 2]], isClosed: false, labelsByUnit: { '9': ['accept'], '10': ['mua'], a: [] } };
    expect(curationToJson(state)).toBe(
      '{"isClosed":false,"labelsByUnit":{"10":["mua"],"9":["accept"],"a":[]},"mergeGroups":[[1,2]]}',
    );
  });

  it('leaves out keys the curation does not have', () => {
    expect(curationToJson({})).toBe('{}');
    expect(curationToJson(reduceCurationActions([{ type: 'MERGE_UNITS', unitIds: ['x', 'y'] }]))).toBe(
      '{"mergeGroups":[["x","y"]]}',
    );
  });

  it('gives the same text for the same curation reached by different action orders', () => {
    const a = reduceCurationActions([
      { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'noise' },
      { type: 'MERGE_UNITS', unitIds: [1, 2] },
      { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' },
    ]);
    const b = reduceCurationActions([
      { type: 'MERGE_UNITS', unitIds: [2, 1] },
      { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' },
      { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'noise' },
    ]);
    expect(curationToJson(a)).toBe(curationToJson(b));
  });

  it('escapes non-ASCII labels, as kachery store_json does', () => {
    expect(curationToJson({ labelsByUnit: { '1': ['à revoir'] } })).toBe('{"labelsByUnit":{"1":["\\u00e0 revoir"]}}');
  });

  it('gives a SpikeInterface reader every key when normalized first', () => {
    const text = curationToJson(normalizeCuration({ labelsByUnit: { '3': ['accept'] } }));
    expect(JSON.parse(text)).toEqual({ isClosed: false, labelsByUnit: { '3': ['accept'] }, mergeGroups: [] });
  });
});
