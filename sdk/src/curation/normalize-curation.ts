import { compareCodePoints } from '../canonical-json/canonical-json.js';
import { simplifyMergeGroups } from './simplify-merge-groups.js';
import type { SortingCuration, UnitId } from './sorting-curation-schema.js';

/** The curation with every key present, as sortingview's Python feed reducer returned it. */
export type NormalizedCuration = {
  labelsByUnit: Record<string, string[]>;
  mergeGroups: UnitId[][];
  isClosed: boolean;
  labelChoices?: string[];
};

/**
 * The form sortingview's Python feed reducer emitted (`_get_sorting_curation`, v0.11.0): always
 * `labelsByUnit`, `mergeGroups` and `isClosed`, labels deduplicated and sorted, merge groups
 * joined until disjoint (`simplifyMergeGroups`) and each sorted. For readers that index the keys
 * directly, like SpikeInterface's `apply_sortingview_curation`, which failed on a curation saved
 * before its first merge (SpikeInterface#3308). `labelChoices` is kept when present.
 *
 * Sorting follows Python's `sorted`: integers by value, strings by code point. Python cannot
 * sort a group mixing both; here integers come first.
 *
 * @example
 * normalizeCuration({ labelsByUnit: { '2': ['reject'] } });
 * // { labelsByUnit: { '2': ['reject'] }, mergeGroups: [], isClosed: false }
 * normalizeCuration({ mergeGroups: [[10, 9], ['b', 'a']] }).mergeGroups // [[9, 10], ['a', 'b']]
 */
export function normalizeCuration(state: SortingCuration): NormalizedCuration {
  const labelsByUnit = Object.fromEntries(
    Object.entries(state.labelsByUnit ?? {}).map(([unit, labels]) => [
      unit,
      [...new Set(labels)].sort(compareCodePoints),
    ]),
  );
  const mergeGroups = simplifyMergeGroups(state.mergeGroups ?? []).map((group) => group.sort(compareUnitIds));
  const normalized: NormalizedCuration = { labelsByUnit, mergeGroups, isClosed: state.isClosed ?? false };
  if (state.labelChoices !== undefined) normalized.labelChoices = [...state.labelChoices];
  return normalized;
}

function compareUnitIds(a: UnitId, b: UnitId): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  return typeof b === 'number' ? 1 : compareCodePoints(a, b);
}
