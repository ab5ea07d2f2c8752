import type { UnitId } from '../../../data/unit-id.js';
import { mapList, toFields, toFiniteNumber, toPair, toUnitId, toUnitIds } from '../shared/fields.js';

export interface SimilarityScore {
  unitId1: UnitId;
  unitId2: UnitId;
  similarity: number;
}

export interface UnitSimilarityMatrixData {
  unitIds: UnitId[];
  similarityScores: SimilarityScore[];
  /** Values mapped to the colour scale's ends (default [0, 1]). */
  range: [number, number];
}

/**
 * `UnitSimilarityMatrix` figure data: `{unitIds, similarityScores: [{unitId1, unitId2,
 * similarity}], range?: [min, max]}`. Scores may name only listed units.
 */
export function parseUnitSimilarityMatrix(raw: unknown): UnitSimilarityMatrixData {
  const data = toFields(raw, 'UnitSimilarityMatrix data');
  const unitIds = toUnitIds(data.unitIds, 'unitIds');
  const known = new Set(unitIds.map(String));
  const similarityScores = mapList(data.similarityScores, 'similarityScores', (value, what) => {
    const item = toFields(value, what);
    const score = {
      unitId1: toUnitId(item.unitId1, `${what}.unitId1`),
      unitId2: toUnitId(item.unitId2, `${what}.unitId2`),
      similarity: toFiniteNumber(item.similarity, `${what}.similarity`),
    };
    for (const field of ['unitId1', 'unitId2'] as const) {
      if (!known.has(String(score[field]))) {
        throw new Error(`invalid ${what}.${field}: unit ${JSON.stringify(score[field])} is not in unitIds`);
      }
    }
    return score;
  });
  let range: [number, number] = [0, 1];
  if (data.range !== undefined && data.range !== null) {
    range = toPair(data.range, 'range');
    if (!(range[1] > range[0]))
      throw new Error(`invalid range: expected [min, max] with max > min, got [${range.join(', ')}]`);
  }
  return { unitIds, similarityScores, range };
}
