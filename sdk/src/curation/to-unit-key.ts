import type { UnitId } from './sorting-curation-schema.js';

/**
 * The key a unit is known by in a curation: `String(id)`, as sortingview's reducer keys
 * `labelsByUnit` (`uid + ''`). figurl also compares merge-group members by this key, so unit 7
 * and unit "7" are one unit everywhere (see `simplifyMergeGroups`).
 *
 * @example
 * curation.labelsByUnit?.[toUnitKey(7)] // the labels of unit 7, saved under "7"
 */
export function toUnitKey(id: UnitId): string {
  return String(id);
}
