import { parseWith } from '../schemas/parse-with.js';
import { type SortingCuration, sortingCurationSchema } from './sorting-curation-schema.js';

/**
 * Validates a curation document (e.g. one loaded from a `gh://` or `sha1://` URI), or throws
 * `INVALID_REQUEST` naming the field, the bad value and what was expected.
 *
 * @example
 * parseCuration(JSON.parse('{"labelsByUnit":{"3":["accept"]},"mergeGroups":[["1","2"]]}'));
 * parseCuration({ mergeGroups: [[1, true]] });
 * // throws: invalid curation: mergeGroups.0.1 true: expected a unit ID: an integer or a non-empty string
 */
export function parseCuration(value: unknown): SortingCuration {
  return parseWith(sortingCurationSchema, value, 'curation');
}
