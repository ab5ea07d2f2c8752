import { reduceCuration } from './reduce-curation.js';
import type { SortingCurationAction } from './sorting-curation-action-schema.js';
import type { SortingCuration } from './sorting-curation-schema.js';

/**
 * Folds actions over a curation with `reduceCuration`, as sortingview's v2 plugin did with the
 * raw actions of a curation feed. Starts from `initial`, by default the empty curation `{}`.
 *
 * @example
 * reduceCurationActions([
 *   { type: 'MERGE_UNITS', unitIds: [1, 2] },
 *   { type: 'MERGE_UNITS', unitIds: [2, 3] },
 *   { type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' },
 * ]);
 * // { mergeGroups: [[1, 2, 3]], labelsByUnit: { '1': ['accept'] } }
 */
export function reduceCurationActions(
  actions: Iterable<SortingCurationAction>,
  initial: SortingCuration = {},
): SortingCuration {
  let state = initial;
  for (const action of actions) state = reduceCuration(state, action);
  return state;
}
