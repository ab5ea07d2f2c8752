import type { UnitId } from '../../curation/index.js';
import {
  checkInstances,
  checkList,
  checkNumber,
  checkOptions,
  checkUnitId,
  checkUnitIds,
  invalid,
  optional,
} from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * The similarity of two units (Python's `vv.UnitSimilarityScore(unit_id1, unit_id2, similarity)`).
 *
 * @example
 * new vv.UnitSimilarityScore({ unitId1: 3, unitId2: 7, similarity: 0.93 });
 */
export class UnitSimilarityScore {
  readonly unitId1: UnitId;
  readonly unitId2: UnitId;
  readonly similarity: number;

  constructor(options: { unitId1: UnitId; unitId2: UnitId; similarity: number }) {
    const o = checkOptions(options, 'UnitSimilarityScore', '{ unitId1: 3, unitId2: 7, similarity: 0.93 }');
    this.unitId1 = checkUnitId(o.unitId1, 'UnitSimilarityScore unitId1');
    this.unitId2 = checkUnitId(o.unitId2, 'UnitSimilarityScore unitId2');
    this.similarity = checkNumber(o.similarity, 'UnitSimilarityScore similarity');
  }

  toDict() {
    return { unitId1: this.unitId1, unitId2: this.unitId2, similarity: this.similarity };
  }
}

export interface UnitSimilarityMatrixOptions {
  unitIds: readonly UnitId[];
  similarityScores: readonly UnitSimilarityScore[];
  /** The colour scale's [min, max]; the plugin's default is [0, 1]. */
  range?: readonly [number, number] | undefined;
}

/**
 * A heat map of unit similarities (Python's `vv.UnitSimilarityMatrix(unit_ids, similarity_scores)`).
 * Data: `{type: 'UnitSimilarityMatrix', unitIds, similarityScores: [{unitId1, unitId2, similarity}][, range]}`.
 *
 * @example
 * new vv.UnitSimilarityMatrix({ unitIds: [1, 2], similarityScores: [new vv.UnitSimilarityScore({ unitId1: 1, unitId2: 2, similarity: 0.4 })] });
 */
export class UnitSimilarityMatrix extends View {
  readonly unitIds: readonly UnitId[];
  readonly similarityScores: readonly UnitSimilarityScore[];
  readonly range: readonly [number, number] | undefined;

  constructor(options: UnitSimilarityMatrixOptions) {
    super('UnitSimilarityMatrix');
    const o = checkOptions(options, 'UnitSimilarityMatrix', '{ unitIds: [1, 2], similarityScores: […] }');
    this.unitIds = checkUnitIds(o.unitIds, 'UnitSimilarityMatrix unitIds');
    this.similarityScores = checkInstances(
      o.similarityScores,
      UnitSimilarityScore,
      'UnitSimilarityMatrix similarityScores',
    );
    this.range = optional(o.range, 'UnitSimilarityMatrix range', checkRange);
  }

  toDict(): ViewDict {
    return {
      type: this.type,
      unitIds: this.unitIds,
      similarityScores: this.similarityScores.map((s) => s.toDict()),
      ...(this.range === undefined ? {} : { range: this.range }),
    };
  }
}

function checkRange(value: unknown, what: string): readonly [number, number] {
  const list = checkList(value, what);
  if (list.length !== 2) throw invalid(what, value, '[min, max]');
  return [checkNumber(list[0], `${what}[0]`), checkNumber(list[1], `${what}[1]`)];
}
