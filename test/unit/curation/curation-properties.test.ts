import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  curationToJson,
  normalizeCuration,
  parseCuration,
  reduceCuration,
  reduceCurationActions,
  type SortingCuration,
  type SortingCurationAction,
  savedCurationJson,
  type UnitId,
} from '../../../sdk/src/curation/index.js';

/*
 * A small pool of units, so actions keep hitting the same ones: 1 and "1" both occur (one unit),
 * as do names that are also Object.prototype members.
 */
const unitId: fc.Arbitrary<UnitId> = fc.oneof(
  fc.integer({ min: 0, max: 7 }),
  fc.constantFrom('0', '1', '2', 'a', 'b', 'constructor', '__proto__', 'toString'),
);
const unitIds = fc.array(unitId, { maxLength: 5 });
const label = fc.constantFrom('accept', 'reject', 'noise', 'artifact', 'mua', 'Good', 'ü');

const key = (id: UnitId) => `${id}`;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (labels: readonly string[]) => [...labels].sort(byCodeUnits);

/** Groups of distinct units, pairwise disjoint, two or more each, sorted: what the reducer keeps. */
const disjointGroups = fc
  .array(fc.uniqueArray(unitId, { selector: key, minLength: 2, maxLength: 4 }), { maxLength: 4 })
  .map((groups) => {
    const seen = new Set<string>();
    return groups.filter((g) => {
      if (g.some((id) => seen.has(key(id)))) return false;
      for (const id of g) seen.add(key(id));
      return true;
    });
  })
  .map((groups) => groups.map((g) => [...g].sort((a, b) => byCodeUnits(key(a), key(b)))));

/** A curation as the reducer leaves it: sorted unique labels, disjoint groups; any key may be absent. */
const curation: fc.Arbitrary<SortingCuration> = fc.record(
  {
    labelsByUnit: fc
      .array(fc.tuple(unitId.map(key), fc.uniqueArray(label).map(sorted)), { maxLength: 5 })
      .map((entries) => Object.fromEntries(entries)),
    mergeGroups: disjointGroups,
    isClosed: fc.boolean(),
    labelChoices: fc.uniqueArray(label, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const labelAction = (type: 'ADD_UNIT_LABEL' | 'REMOVE_UNIT_LABEL' | 'TOGGLE_UNIT_LABEL') =>
  fc.record({ type: fc.constant(type), unitId: fc.oneof(unitId, unitIds), label });
const mergeAction = (type: 'MERGE_UNITS' | 'UNMERGE_UNITS') => fc.record({ type: fc.constant(type), unitIds });

const action: fc.Arbitrary<SortingCurationAction> = fc.oneof(
  { weight: 3, arbitrary: labelAction('ADD_UNIT_LABEL') },
  { weight: 2, arbitrary: labelAction('REMOVE_UNIT_LABEL') },
  { weight: 2, arbitrary: labelAction('TOGGLE_UNIT_LABEL') },
  { weight: 4, arbitrary: mergeAction('MERGE_UNITS') },
  { weight: 2, arbitrary: mergeAction('UNMERGE_UNITS') },
  fc.constant({ type: 'CLOSE_CURATION' as const }),
  fc.constant({ type: 'REOPEN_CURATION' as const }),
  fc.record({ type: fc.constant('SET_CURATION' as const), curation }),
);
const actions = fc.array(action, { maxLength: 25 });

/** A second, naive reading of the reference semantics: sets of unit keys, no order, no spelling. */
class Model {
  labels = new Map<string, Set<string>>();
  groups: Set<string>[] = [];

  constructor(state: SortingCuration) {
    for (const [unit, labels] of Object.entries(state.labelsByUnit ?? {})) this.labels.set(unit, new Set(labels));
    this.groups = (state.mergeGroups ?? []).map((g) => new Set(g.map(key)));
  }

  apply(a: SortingCurationAction): void {
    switch (a.type) {
      case 'ADD_UNIT_LABEL':
      case 'REMOVE_UNIT_LABEL':
      case 'TOGGLE_UNIT_LABEL': {
        const units = (Array.isArray(a.unitId) ? a.unitId : [a.unitId]).map(key);
        const allHave = units.every((u) => this.labels.get(u)?.has(a.label));
        const add = a.type === 'ADD_UNIT_LABEL' || (a.type === 'TOGGLE_UNIT_LABEL' && !allHave);
        for (const u of units) {
          const set = this.labels.get(u) ?? new Set<string>();
          this.labels.set(u, set);
          if (add) set.add(a.label);
          else set.delete(a.label);
        }
        return;
      }
      case 'MERGE_UNITS': {
        const merged = new Set(a.unitIds.map(key));
        const [touching, rest] = partition(this.groups, (g) => [...g].some((u) => merged.has(u)));
        for (const g of touching) for (const u of g) merged.add(u);
        this.groups = merged.size >= 2 ? [...rest, merged] : rest;
        return;
      }
      case 'UNMERGE_UNITS': {
        const removed = new Set(a.unitIds.map(key));
        this.groups = this.groups.map((g) => new Set([...g].filter((u) => !removed.has(u)))).filter((g) => g.size >= 2);
        return;
      }
      case 'SET_CURATION':
        Object.assign(this, new Model(a.curation));
        return;
      default:
        return;
    }
  }

  labelsView(): Record<string, string[]> {
    const entries = [...this.labels].filter(([, set]) => set.size > 0).map(([u, set]) => [u, sorted([...set])]);
    return Object.fromEntries(entries);
  }

  groupsView(): string[][] {
    return this.groups.map((g) => [...g].sort()).sort((a, b) => byCodeUnits(a.join('\0'), b.join('\0')));
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

function labelsView(state: SortingCuration): Record<string, string[]> {
  return Object.fromEntries(Object.entries(state.labelsByUnit ?? {}).filter(([, labels]) => labels.length > 0));
}

function groupsView(state: SortingCuration): string[][] {
  return (state.mergeGroups ?? [])
    .map((g) => g.map(key).sort())
    .sort((a, b) => byCodeUnits(a.join('\0'), b.join('\0')));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('reduceCuration (properties)', () => {
  it('keeps merge groups disjoint with at least two units, and labels sorted and unique', () => {
    fc.assert(
      fc.property(curation, actions, (initial, list) => {
        let state = initial;
        for (const a of list) {
          state = reduceCuration(state, a);
          const seen = new Set<string>();
          for (const group of state.mergeGroups ?? []) {
            const keys = group.map(key);
            expect(new Set(keys).size).toBe(keys.length);
            expect(keys.length).toBeGreaterThanOrEqual(2);
            for (const k of keys) {
              expect(seen.has(k)).toBe(false);
              seen.add(k);
            }
            expect(keys).toEqual(sorted(keys));
          }
          for (const labels of Object.values(state.labelsByUnit ?? {})) {
            expect(labels).toEqual([...new Set(sorted(labels))]);
          }
        }
      }),
    );
  });

  it('agrees with a naive set-based model of the reference semantics', () => {
    fc.assert(
      fc.property(curation, actions, (initial, list) => {
        const model = new Model(initial);
        let state = initial;
        for (const a of list) {
          model.apply(a);
          state = reduceCuration(state, a);
          expect(labelsView(state)).toEqual(model.labelsView());
          expect(groupsView(state)).toEqual(model.groupsView());
        }
      }),
    );
  });

  it('is deterministic and never modifies its inputs', () => {
    fc.assert(
      fc.property(curation, actions, (initial, list) => {
        const snapshot = structuredClone({ initial, list });
        const frozen = reduceCurationActions(deepFreeze(structuredClone(list)), deepFreeze(structuredClone(initial)));
        expect(reduceCurationActions(list, initial)).toEqual(frozen);
        expect(curationToJson(reduceCurationActions(list, initial))).toBe(curationToJson(frozen));
        expect({ initial, list }).toEqual(snapshot);
      }),
    );
  });

  it('returns the same state when an idempotent action is repeated', () => {
    const idempotent = action.filter((a) => a.type !== 'TOGGLE_UNIT_LABEL' && a.type !== 'SET_CURATION');
    fc.assert(
      fc.property(curation, idempotent, (initial, a) => {
        const once = reduceCuration(initial, a);
        expect(reduceCuration(once, a)).toBe(once);
      }),
    );
  });

  it('removes a group when all its units are unmerged, leaving the other groups as they were', () => {
    const withGroup = fc
      .tuple(curation, actions)
      .map(([initial, list]) => reduceCurationActions(list, initial))
      .filter((state) => (state.mergeGroups ?? []).length > 0);
    fc.assert(
      fc.property(withGroup, fc.nat(), (state, pick) => {
        const groups = state.mergeGroups ?? [];
        const target = groups[pick % groups.length] ?? [];
        const next = reduceCuration(state, { type: 'UNMERGE_UNITS', unitIds: [...target].reverse() });
        expect(next.mergeGroups).toEqual(groups.filter((g) => g !== target));
      }),
    );
  });
});

describe('normalizeCuration and curationToJson (properties)', () => {
  it('normalizes to a complete, idempotent form whose JSON parses back as a valid curation', () => {
    fc.assert(
      fc.property(curation, actions, (initial, list) => {
        const normalized = normalizeCuration(reduceCurationActions(list, initial));
        expect(Object.keys(normalized)).toEqual(expect.arrayContaining(['labelsByUnit', 'mergeGroups', 'isClosed']));
        expect(normalizeCuration(normalized)).toEqual(normalized);
        // zod drops a "__proto__" key, so parseCuration refuses one (tested in curation-schemas).
        fc.pre(!Object.hasOwn(normalized.labelsByUnit, '__proto__'));
        expect(parseCuration(JSON.parse(curationToJson(normalized)))).toEqual(normalized);
      }),
    );
  });

  it('writes the same text as JSON.stringify of a key-sorted copy, for printable-ASCII curations', () => {
    const sortKeys = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortKeys);
      if (value === null || typeof value !== 'object') return value;
      const keys = Object.keys(value).sort(byCodeUnits);
      return Object.fromEntries(keys.map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
    };
    fc.assert(
      fc.property(curation, actions, (initial, list) => {
        const state = reduceCurationActions(list, initial);
        const expected = JSON.stringify(sortKeys(state));
        fc.pre(/^[\x20-\x7e]*$/.test(expected));
        expect(curationToJson(state)).toBe(expected);
      }),
    );
  });

  it('saves every key with string unit ids, and a saved curation round-trips to the same saved text', () => {
    fc.assert(
      fc.property(curation, actions, (initial, list) => {
        const state = reduceCurationActions(list, initial);
        fc.pre(!Object.hasOwn(state.labelsByUnit ?? {}, '__proto__'));
        const text = savedCurationJson(state);
        const saved = JSON.parse(text);
        expect(Object.keys(saved)).toEqual(expect.arrayContaining(['labelsByUnit', 'mergeGroups', 'isClosed']));
        for (const group of saved.mergeGroups) for (const id of group) expect(typeof id).toBe('string');
        // Loaded back (as the plugin loads s.sortingCuration) and saved again: the same bytes.
        expect(savedCurationJson(parseCuration(saved))).toBe(text);
        // The same units are merged and labelled as in the state it came from.
        expect(normalizeCuration(parseCuration(saved)).labelsByUnit).toEqual(normalizeCuration(state).labelsByUnit);
        const asSets = (groups: UnitId[][]) => groups.map((g) => g.map(String).sort(byCodeUnits));
        expect(asSets(saved.mergeGroups)).toEqual(asSets(normalizeCuration(state).mergeGroups));
      }),
    );
  });
});
