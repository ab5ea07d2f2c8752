import type { CanonicalJsonValue } from '../../canonical-json/index.js';
import type { UnitId } from '../../curation/index.js';
import {
  checkInstances,
  checkJsonObject,
  checkOneOf,
  checkOptions,
  checkString,
  checkUnitId,
  optional,
} from '../check-values.js';
import { View, type ViewDict } from '../view.js';
import { UnitSimilarityScore } from './unit-similarity-matrix.js';

export type ColumnDtype = 'int' | 'float' | 'str' | 'bool';
const columnDtypes: readonly ColumnDtype[] = ['int', 'float', 'str', 'bool'];

/**
 * A column of a UnitsTable (Python's `vv.UnitsTableColumn(key, label, dtype)`).
 *
 * @example
 * new vv.UnitsTableColumn({ key: 'firingRateHz', label: 'Firing rate (Hz)', dtype: 'float' });
 */
export class UnitsTableColumn {
  readonly key: string;
  readonly label: string;
  readonly dtype: ColumnDtype;

  constructor(options: { key: string; label: string; dtype: ColumnDtype }) {
    const o = checkOptions(options, 'UnitsTableColumn', "{ key: 'snr', label: 'SNR', dtype: 'float' }");
    this.key = checkString(o.key, 'UnitsTableColumn key');
    this.label = checkString(o.label, 'UnitsTableColumn label');
    this.dtype = checkOneOf(o.dtype, columnDtypes, 'UnitsTableColumn dtype');
  }

  toDict() {
    return { key: this.key, label: this.label, dtype: this.dtype };
  }
}

/**
 * A row of a UnitsTable: a unit and its values by column key (Python's `vv.UnitsTableRow(unit_id, values)`).
 *
 * @example
 * new vv.UnitsTableRow({ unitId: 3, values: { numEvents: 5120, firingRateHz: 8.53, snr: 11.2 } });
 */
export class UnitsTableRow {
  readonly unitId: UnitId;
  readonly values: { readonly [key: string]: CanonicalJsonValue };

  constructor(options: { unitId: UnitId; values: { readonly [key: string]: CanonicalJsonValue } }) {
    const o = checkOptions(options, 'UnitsTableRow', '{ unitId: 3, values: { snr: 11.2 } }');
    this.unitId = checkUnitId(o.unitId, 'UnitsTableRow unitId');
    this.values = checkJsonObject(o.values, `UnitsTableRow (unit ${this.unitId}) values`);
  }

  toDict() {
    return { unitId: this.unitId, values: this.values };
  }
}

export interface UnitsTableOptions {
  columns: readonly UnitsTableColumn[];
  rows: readonly UnitsTableRow[];
  /** Adds a "Similarity" column: each unit's similarity to the current unit. */
  similarityScores?: readonly UnitSimilarityScore[] | undefined;
}

/**
 * The units table (Python's `vv.UnitsTable(columns=…, rows=…, similarity_scores=…)`). Data:
 * `{type: 'UnitsTable', columns: [{key, label, dtype}], rows: [{unitId, values}][, similarityScores]}`.
 *
 * @example
 * new vv.UnitsTable({ columns: [new vv.UnitsTableColumn({ key: 'snr', label: 'SNR', dtype: 'float' })],
 *   rows: [new vv.UnitsTableRow({ unitId: 1, values: { snr: 11.2 } })] });
 */
export class UnitsTable extends View {
  readonly columns: readonly UnitsTableColumn[];
  readonly rows: readonly UnitsTableRow[];
  readonly similarityScores: readonly UnitSimilarityScore[] | undefined;

  constructor(options: UnitsTableOptions) {
    super('UnitsTable');
    const o = checkOptions(options, 'UnitsTable', '{ columns: […], rows: […] }');
    this.columns = checkInstances(o.columns, UnitsTableColumn, 'UnitsTable columns');
    this.rows = checkInstances(o.rows, UnitsTableRow, 'UnitsTable rows');
    this.similarityScores = optional(o.similarityScores, 'UnitsTable similarityScores', (v, w) =>
      checkInstances(v, UnitSimilarityScore, w),
    );
  }

  toDict(): ViewDict {
    return {
      type: this.type,
      columns: this.columns.map((c) => c.toDict()),
      rows: this.rows.map((r) => r.toDict()),
      ...(this.similarityScores === undefined
        ? {}
        : { similarityScores: this.similarityScores.map((s) => s.toDict()) }),
    };
  }
}
