import { describe, expect, it } from 'vitest';
import { defaultLabelChoices, parseCuration, parseCurationAction } from '../../../sdk/src/curation/index.js';
import { FigurlError } from '../../../sdk/src/errors/index.js';

function messageOf(parse: () => unknown): string {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(FigurlError);
    expect((err as FigurlError).code).toBe('INVALID_REQUEST');
    return (err as Error).message;
  }
  throw new Error('expected the value to be rejected');
}

describe('parseCuration', () => {
  it.each([
    ['the empty curation', {}],
    [
      'what sortingview saves',
      { isClosed: false, labelsByUnit: { '1': ['accept', 'mua'], '2': [] }, mergeGroups: [[1, 2]] },
    ],
    ['a spyglass initial curation', { labelsByUnit: { '3': ['noise'] }, mergeGroups: [['3', '4']] }],
    ['label choices and labels beyond the Python allow-list', { labelChoices: ['good', 'bursting'] }],
    ['overlapping and short groups (simplified on the next merge)', { mergeGroups: [[1, 2], [2, 3], [4], []] }],
  ])('accepts %s', (_, curation) => {
    expect(parseCuration(curation)).toEqual(curation);
  });

  it.each([
    [[], 'invalid curation: value []: expected object'],
    [{ mergegroups: [[1, 2]] }, 'invalid curation: unexpected field "mergegroups"'],
    [{ labelsByUnit: { '1': 'accept' } }, 'invalid curation: labelsByUnit.1 "accept": expected array'],
    [{ labelsByUnit: { '1': [''] } }, 'invalid curation: labelsByUnit.1.0 "": expected a non-empty label'],
    [
      { mergeGroups: [[1, true]] },
      'invalid curation: mergeGroups.0.1 true: expected a unit ID: an integer or a non-empty string',
    ],
    [
      { mergeGroups: [[1, 2.5]] },
      'invalid curation: mergeGroups.0.1 2.5: expected a unit ID: an integer or a non-empty string',
    ],
    [
      { mergeGroups: [['', 'a']] },
      'invalid curation: mergeGroups.0.0 "": expected a unit ID: an integer or a non-empty string',
    ],
    [{ isClosed: 'yes' }, 'invalid curation: isClosed "yes": expected boolean'],
    [
      JSON.parse('{"labelsByUnit":{"__proto__":["noise"]}}'),
      'invalid curation: labelsByUnit {"__proto__":["noise"]}: expected unit keys other than "__proto__"',
    ],
  ])('rejects %j', (value, message) => {
    expect(messageOf(() => parseCuration(value))).toBe(message);
  });
});

describe('parseCurationAction', () => {
  it.each([
    { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' },
    { type: 'REMOVE_UNIT_LABEL', unitId: [1, 'b'], label: 'bursting' },
    { type: 'TOGGLE_UNIT_LABEL', unitId: [], label: 'mua' },
    { type: 'MERGE_UNITS', unitIds: [1, 2] },
    { type: 'UNMERGE_UNITS', unitIds: ['a'] },
    { type: 'CLOSE_CURATION' },
    { type: 'REOPEN_CURATION' },
    { type: 'SET_CURATION', curation: { labelsByUnit: { '1': ['accept'] } } },
  ])('accepts %j', (action) => {
    expect(parseCurationAction(action)).toEqual(action);
  });

  const allTypes =
    '"ADD_UNIT_LABEL", "REMOVE_UNIT_LABEL", "TOGGLE_UNIT_LABEL", "MERGE_UNITS", "UNMERGE_UNITS", "CLOSE_CURATION", "REOPEN_CURATION", "SET_CURATION"';

  it.each([
    [{ type: 'FOO' }, `invalid curation action: type "FOO": expected one of ${allTypes}`],
    [{ unitIds: [1, 2] }, `invalid curation action: type missing: expected one of ${allTypes}`],
    [
      { type: 'ADD_UNIT_LABEL', unitId: 1, unitIds: [1], label: 'accept' },
      'invalid curation action: unexpected field "unitIds"',
    ],
    [
      { type: 'TOGGLE_UNIT_LABEL', unitIds: [1], label: 'accept' },
      'invalid curation action: unitId missing: expected a unit ID or a list of unit IDs; unexpected field "unitIds"',
    ],
    [
      { type: 'MERGE_UNITS', unitId: [1, 2] },
      'invalid curation action: unitIds missing: expected array; unexpected field "unitId"',
    ],
    [{ type: 'UNMERGE_UNITS', unitIds: [1], unitId: 1 }, 'invalid curation action: unexpected field "unitId"'],
    [{ type: 'CLOSE_CURATION', unitId: 1 }, 'invalid curation action: unexpected field "unitId"'],
    [{ type: 'ADD_UNIT_LABEL', unitId: 1, label: '' }, 'invalid curation action: label "": expected a non-empty label'],
    [{ type: 'ADD_UNIT_LABEL', unitId: 1 }, 'invalid curation action: label missing: expected string'],
    [
      { type: 'ADD_UNIT_LABEL', unitId: [1, 1.5], label: 'mua' },
      'invalid curation action: unitId.1 1.5: expected a unit ID: an integer or a non-empty string',
    ],
    [
      { type: 'ADD_UNIT_LABEL', unitId: true, label: 'mua' },
      'invalid curation action: unitId true: expected a unit ID or a list of unit IDs',
    ],
    [
      { type: 'MERGE_UNITS', unitIds: [1, null] },
      'invalid curation action: unitIds.1 null: expected a unit ID: an integer or a non-empty string',
    ],
    [
      { type: 'SET_CURATION', curation: { mergeGroups: [1, 2] } },
      'invalid curation action: curation.mergeGroups.0 1: expected array; curation.mergeGroups.1 2: expected array',
    ],
  ])('rejects %j', (value, message) => {
    expect(messageOf(() => parseCurationAction(value))).toBe(message);
  });
});

describe('defaultLabelChoices', () => {
  it("is sortingview's list, in its order", () => {
    expect(defaultLabelChoices).toEqual(['accept', 'reject', 'noise', 'artifact', 'mua']);
  });
});
