import { type UnitId, unitKey } from '../../../data/unit-id.js';
import type { SimilarityScore } from './parse-unit-similarity-matrix.js';

/**
 * The n×n similarities of `unitIds` (row-major, NaN where no score). A pair scored only one way
 * round fills both cells, since similarity is symmetric.
 *
 * @example
 * const values = buildSimilarityMatrix([1, 2], [{ unitId1: 1, unitId2: 2, similarity: 0.9 }]);
 * // Float64Array [NaN, 0.9, 0.9, NaN]
 */
export function buildSimilarityMatrix(unitIds: readonly UnitId[], scores: readonly SimilarityScore[]): Float64Array {
  const n = unitIds.length;
  const index = new Map(unitIds.map((id, i) => [unitKey(id), i]));
  const values = new Float64Array(n * n).fill(Number.NaN);
  const explicit = new Uint8Array(n * n);
  for (const score of scores) {
    const i = index.get(unitKey(score.unitId1));
    const j = index.get(unitKey(score.unitId2));
    if (i === undefined || j === undefined) continue;
    values[i * n + j] = score.similarity;
    explicit[i * n + j] = 1;
    if (explicit[j * n + i] === 0) values[j * n + i] = score.similarity;
  }
  return values;
}

/**
 * "Select similar units": the unit and the `count` others most similar to it (highest first),
 * as sortingview's button does. Units without a score are never picked.
 *
 * @example
 * selectSimilarUnits([1, 2, 3], values, 1, 4); // [1, 3, 2] when 3 is closer to 1 than 2 is
 */
export function selectSimilarUnits(
  unitIds: readonly UnitId[],
  values: Float64Array,
  unitId: UnitId,
  count = 4,
): UnitId[] {
  const n = unitIds.length;
  const i = unitIds.findIndex((id) => unitKey(id) === unitKey(unitId));
  if (i < 0) return [unitId];
  const candidates: { id: UnitId; similarity: number }[] = [];
  for (let j = 0; j < n; j++) {
    const similarity = values[i * n + j] as number;
    if (j !== i && !Number.isNaN(similarity)) candidates.push({ id: unitIds[j] as UnitId, similarity });
  }
  candidates.sort((a, b) => b.similarity - a.similarity);
  return [unitIds[i] as UnitId, ...candidates.slice(0, count).map((c) => c.id)];
}
