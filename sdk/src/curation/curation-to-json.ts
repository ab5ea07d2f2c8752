import { canonicalJson } from '../canonical-json/canonical-json.js';
import type { SortingCuration } from './sorting-curation-schema.js';

/**
 * The curation as saved: compact JSON with keys sorted at every level, so equal curations give
 * equal text (the dirty check) and equal `sha1://` snapshots. This is `canonicalJson`, which for
 * printable-ASCII content is byte for byte sortingview's `JSONStringifyDeterministic`, and in
 * every case what kachery's Python `store_json` (used by spyglass) writes. Non-ASCII labels come
 * out as `\uXXXX` escapes where sortingview wrote raw UTF-8: the same JSON value either way.
 *
 * Keys left out by the reducer stay out; pass `normalizeCuration(state)` for the complete form.
 *
 * @example
 * curationToJson({ mergeGroups: [[1, 2]], labelsByUnit: { '10': ['mua'], '9': ['accept'] } });
 * // '{"labelsByUnit":{"10":["mua"],"9":["accept"]},"mergeGroups":[[1,2]]}'
 */
export function curationToJson(state: SortingCuration): string {
  return canonicalJson(state);
}
