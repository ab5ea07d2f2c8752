import { parseWith } from '../schemas/parse-with.js';
import { type SortingCurationAction, sortingCurationActionSchema } from './sorting-curation-action-schema.js';

/**
 * Validates a curation action (e.g. one posted by a plugin or read from an old feed), or throws
 * `INVALID_REQUEST` naming the field, the bad value and what was expected.
 *
 * @example
 * parseCurationAction({ type: 'ADD_UNIT_LABEL', unitId: [1, 2], label: 'noise' });
 * parseCurationAction({ type: 'MERGE_UNITS', unitId: [1, 2] });
 * // throws: invalid curation action: unitIds missing: expected array; unexpected field "unitId"
 */
export function parseCurationAction(value: unknown): SortingCurationAction {
  return parseWith(sortingCurationActionSchema, value, 'curation action');
}
