import { type UnitId, unitKey } from '../../../data/unit-id.js';
import { type Correlogram, reverseCorrelogram } from './correlogram.js';
import type { CrossCorrelogramItem } from './parse-cross-correlograms.js';

const pairKey = (a: UnitId, b: UnitId) => `${unitKey(a)}\u0000${unitKey(b)}`;

/**
 * Looks up the correlogram of a unit pair. A pair given only the other way round is mirrored,
 * so producers that send each unordered pair once still fill the whole matrix.
 *
 * @example
 * const find = indexCrossCorrelograms(data.crossCorrelograms);
 * find(3, 5); // Correlogram | undefined
 */
export function indexCrossCorrelograms(items: readonly CrossCorrelogramItem[]) {
  const byPair = new Map<string, Correlogram>();
  for (const item of items) byPair.set(pairKey(item.unitId1, item.unitId2), item);
  return (a: UnitId, b: UnitId): Correlogram | undefined => {
    const direct = byPair.get(pairKey(a, b));
    if (direct !== undefined) return direct;
    const reversed = byPair.get(pairKey(b, a));
    if (reversed === undefined) return undefined;
    const mirrored = reverseCorrelogram(reversed);
    byPair.set(pairKey(a, b), mirrored);
    return mirrored;
  };
}

/** Every unit a cross-correlogram list mentions, in first-seen order. */
export function crossCorrelogramUnitIds(items: readonly CrossCorrelogramItem[]): UnitId[] {
  const ids = new Map<string, UnitId>();
  for (const item of items) {
    if (!ids.has(unitKey(item.unitId1))) ids.set(unitKey(item.unitId1), item.unitId1);
    if (!ids.has(unitKey(item.unitId2))) ids.set(unitKey(item.unitId2), item.unitId2);
  }
  return [...ids.values()];
}
