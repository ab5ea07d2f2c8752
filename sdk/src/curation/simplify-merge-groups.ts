import { compareCodeUnits } from './compare-code-units.js';
import type { UnitId } from './sorting-curation-schema.js';
import { toUnitKey } from './to-unit-key.js';

/**
 * Joins merge groups that share a unit until no two do (transitive closure), then drops groups
 * with fewer than two units, as sortingview's `simplifyMergeGroups` does. A joined group sits
 * where its first part was and, as in sortingview, is sorted in JavaScript's default order
 * (string order, so `[10, 9]`). Unit IDs keep the spelling they were given.
 *
 * Where sortingview's result was wrong or unstable, this differs:
 * - Units are compared by `String(id)` (see `toUnitKey`), the key `labelsByUnit` already uses.
 *   sortingview compared with `includes`, so a spyglass file's `["3","4"]` and a units table's
 *   `MERGE_UNITS [4, 5]` gave two groups that both hold unit 4 (and `UNMERGE_UNITS [3]` left
 *   `"3"` merged). Where both spellings meet, the first one seen is kept.
 * - The closure is computed with union-find. sortingview's loop kept a stale copy of the growing
 *   group, so when one new group bridged three others a unit vanished
 *   (`[[1,2],[3,4],[5,6]]` + `[1,3,5]` gave `[[1,2,3,5,6]]`, losing 4).
 * - Every group is sorted, not only joined ones (sortingview's Python reducer sorted them all
 *   too). Otherwise `MERGE_UNITS [3, 1]` gives `[[3, 1]]` and repeating it `[[1, 3]]`: a change
 *   where nothing changed.
 * - A unit listed twice in one group counts once, so `[1, 1]` is not a group.
 *
 * @example
 * simplifyMergeGroups([[1, 2], [3, 4], [2, 3], [5]]) // [[1, 2, 3, 4]]
 * simplifyMergeGroups([['3', '4'], [4, 5]]) // [['3', '4', 5]]
 */
export function simplifyMergeGroups(groups: readonly (readonly UnitId[])[]): UnitId[][] {
  const parent = groups.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    parent[i] = r;
    return r;
  };
  const groupOfUnit = new Map<string, number>();
  groups.forEach((group, i) => {
    for (const id of group) {
      const key = toUnitKey(id);
      const other = groupOfUnit.get(key);
      if (other === undefined) groupOfUnit.set(key, i);
      else parent[root(i)] = root(other);
    }
  });

  const joined = new Map<number, { ids: UnitId[]; keys: Set<string> }>();
  groups.forEach((group, i) => {
    const r = root(i);
    const entry = joined.get(r) ?? { ids: [], keys: new Set<string>() };
    joined.set(r, entry);
    for (const id of group) {
      const key = toUnitKey(id);
      if (entry.keys.has(key)) continue;
      entry.keys.add(key);
      entry.ids.push(id);
    }
  });

  // Entries are inserted in order of each joined group's first part, which is where it lands.
  return [...joined.values()]
    .filter(({ ids }) => ids.length >= 2)
    .map(({ ids }) => ids.sort((a, b) => compareCodeUnits(toUnitKey(a), toUnitKey(b))));
}
