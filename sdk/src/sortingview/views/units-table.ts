import type { CanonicalJsonValue } from '../../canonical-json/index.js';
import type { UnitId } from '../../curation/index.js';
import { checkInstances, checkOptions, optional } from '../check-values.js';
import { View, type ViewDict } from '../view.js';
import { UnitSimilarityScore } from './unit-similarity-matrix.js';
import { UnitValues, ValueColumn } from './unit-values.js';

export type ColumnDtype = 'int' | 'float' | 'str' | 'bool';
const columnDtypes: readonly ColumnDtype[] = ['int', 'float', 'str', 'bool'];

/**
 * A column of a UnitsTable (Python's `vv.UnitsTableColumn(key, label, dtype)`).
 *
 * @example
 * new vv.UnitsTableColumn({ key: 'firingRateHz', label: 'Firing rate (Hz)', dtype: 'float' });
 */
export class UnitsTableColumn extends ValueColumn<ColumnDtype> {
  constructor(options: { key: string; label: string; dtype: ColumnDtype }) {
    super(options, 'UnitsTableColumn', columnDtypes);
  }
}

/**
 * A row of a UnitsTable: a unit and its values by column key (Python's `vv.UnitsTableRow(unit_id, values)`).
 *
 * @example
 * new vv.UnitsTableRow({ unitId: 3, values: { numEvents: 5120, firingRateHz: 8.53, snr: 11.2 } });
 */
export class UnitsTableRow extends UnitValues {
  constructor(options: { unitId: UnitId; values: { readonly [key: string]: CanonicalJsonValue } }) {
    super(options, 'UnitsTableRow');
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
