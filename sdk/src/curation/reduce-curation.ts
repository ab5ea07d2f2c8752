import { compareCodeUnits } from './compare-code-units.js';
import { simplifyMergeGroups } from './simplify-merge-groups.js';
import type { SortingCurationAction } from './sorting-curation-action-schema.js';
import type { SortingCuration, UnitId } from './sorting-curation-schema.js';
import { toUnitKey } from './to-unit-key.js';

type LabelsByUnit = NonNullable<SortingCuration['labelsByUnit']>;

/**
 * Applies one action to a curation, as sortingview's `sortingCurationReducer` does (reference
 * §7). Pure: the inputs are never modified, and an action that changes nothing returns `state`
 * itself, so `next === state` tells a caller there is nothing to save. A key is added only when
 * an action first needs it (no `mergeGroups` before the first merge); `normalizeCuration` gives
 * the always-complete form.
 *
 * - Label actions key units by `String(id)` and keep each unit's labels sorted (JavaScript's
 *   default order). Removing a unit's last label leaves `[]`, as sortingview does.
 * - `TOGGLE_UNIT_LABEL` removes the label when every listed unit has it, else adds it to all.
 * - `MERGE_UNITS` appends the group and `UNMERGE_UNITS` takes the units out of every group; both
 *   then run `simplifyMergeGroups`. Labels are left alone.
 * - Actions on a closed curation still apply (sortingview bd105ce); sortingview only logged a
 *   warning, which a pure core leaves to its caller.
 * - `SET_CURATION` replaces the state with the given curation, as given.
 *
 * Where sortingview returned a fresh object for a no-op (a merge or unmerge that leaves the
 * groups as they were, `REOPEN_CURATION` on an open curation) this returns `state`, so no empty
 * `mergeGroups: []` or `isClosed: false` appears without a real change.
 *
 * @example
 * const a = reduceCuration({}, { type: 'ADD_UNIT_LABEL', unitId: [3, 4], label: 'noise' });
 * // { labelsByUnit: { '3': ['noise'], '4': ['noise'] } }
 * reduceCuration(a, { type: 'ADD_UNIT_LABEL', unitId: 3, label: 'noise' }) === a // true
 * reduceCuration(a, { type: 'MERGE_UNITS', unitIds: [3, 4] }).mergeGroups // [[3, 4]]
 */
export function reduceCuration(state: SortingCuration, action: SortingCurationAction): SortingCuration {
  switch (action.type) {
    case 'ADD_UNIT_LABEL':
      return addLabel(state, toList(action.unitId), action.label);
    case 'REMOVE_UNIT_LABEL':
      return removeLabel(state, toList(action.unitId), action.label);
    case 'TOGGLE_UNIT_LABEL': {
      const ids = toList(action.unitId);
      const labelsByUnit = state.labelsByUnit ?? {};
      const allHaveIt = ids.every((id) => labelsOf(labelsByUnit, toUnitKey(id)).includes(action.label));
      return allHaveIt ? removeLabel(state, ids, action.label) : addLabel(state, ids, action.label);
    }
    case 'MERGE_UNITS':
      return withMergeGroups(state, simplifyMergeGroups([...(state.mergeGroups ?? []), action.unitIds]));
    case 'UNMERGE_UNITS': {
      const removed = new Set(action.unitIds.map(toUnitKey));
      const remaining = (state.mergeGroups ?? []).map((group) => group.filter((id) => !removed.has(toUnitKey(id))));
      return withMergeGroups(state, simplifyMergeGroups(remaining));
    }
    case 'CLOSE_CURATION':
      return state.isClosed === true ? state : { ...state, isClosed: true };
    case 'REOPEN_CURATION':
      return state.isClosed === true ? { ...state, isClosed: false } : state;
    case 'SET_CURATION':
      return action.curation;
  }
}

function addLabel(state: SortingCuration, ids: readonly UnitId[], label: string): SortingCuration {
  return updateLabels(state, ids, (labels) =>
    labels.includes(label) ? undefined : [...labels, label].sort(compareCodeUnits),
  );
}

function removeLabel(state: SortingCuration, ids: readonly UnitId[], label: string): SortingCuration {
  return updateLabels(state, ids, (labels) => (labels.includes(label) ? labels.filter((l) => l !== label) : undefined));
}

/** `update` returns a unit's new labels, or undefined to leave the unit as it is. */
function updateLabels(
  state: SortingCuration,
  ids: readonly UnitId[],
  update: (labels: string[]) => string[] | undefined,
): SortingCuration {
  const current = state.labelsByUnit ?? {};
  const changed = new Map<string, string[]>();
  for (const id of ids) {
    const key = toUnitKey(id);
    const next = update(changed.get(key) ?? labelsOf(current, key));
    if (next !== undefined) changed.set(key, next);
  }
  if (changed.size === 0) return state;
  // Spread and fromEntries define own properties, so a unit named "__proto__" stays a unit.
  return { ...state, labelsByUnit: { ...current, ...Object.fromEntries(changed) } };
}

function labelsOf(labelsByUnit: LabelsByUnit, key: string): string[] {
  // hasOwn: a unit named "constructor" must not find Object.prototype.constructor.
  return Object.hasOwn(labelsByUnit, key) ? (labelsByUnit[key] ?? []) : [];
}

function withMergeGroups(state: SortingCuration, mergeGroups: UnitId[][]): SortingCuration {
  return sameGroups(state.mergeGroups ?? [], mergeGroups) ? state : { ...state, mergeGroups };
}

function sameGroups(a: readonly (readonly UnitId[])[], b: readonly (readonly UnitId[])[]): boolean {
  return a.length === b.length && a.every((g, i) => g.length === b[i]?.length && g.every((id, j) => id === b[i]?.[j]));
}

function toList(unitId: UnitId | UnitId[]): readonly UnitId[] {
  return Array.isArray(unitId) ? unitId : [unitId];
}
