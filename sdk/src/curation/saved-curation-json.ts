import { canonicalJson, compareCodePoints } from '../canonical-json/canonical-json.js';
import { normalizeCuration } from './normalize-curation.js';
import type { SortingCuration } from './sorting-curation-schema.js';

/**
 * The JSON a curation is saved as (snapshot, GitHub file, export): every key present
 * (`labelsByUnit`, `mergeGroups`, `isClosed`; SpikeInterface#3308 broke on a missing one), unit
 * ids as strings in the keys and in the merge groups (as spyglass writes them; each group in
 * natural order, "2" before "10", so loading and saving again gives the same bytes), merge groups
 * simplified, and canonical key order, so the same curation is always the same bytes (and the
 * same `sha1://`).
 *
 * @example
 * savedCurationJson({ mergeGroups: [[3, 4]] })
 * // '{"isClosed":false,"labelsByUnit":{},"mergeGroups":[["3","4"]]}'
 */
export function savedCurationJson(curation: SortingCuration): string {
  const normalized = normalizeCuration(curation);
  return canonicalJson({
    ...normalized,
    mergeGroups: normalized.mergeGroups.map((group) => group.map(String).sort(compareUnitKeys)),
  });
}

const integerKey = /^(0|-?[1-9][0-9]*)$/;

/** Unit keys in natural order: integers by value ("2" before "10"), then other names by code point. */
function compareUnitKeys(a: string, b: string): number {
  const [ai, bi] = [integerKey.test(a), integerKey.test(b)];
  if (ai && bi) return Number(a) - Number(b);
  if (ai !== bi) return ai ? -1 : 1;
  return compareCodePoints(a, b);
}
