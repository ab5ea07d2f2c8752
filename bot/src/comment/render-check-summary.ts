import type { FigureRow } from '../figures/to-figure-rows.js';
import { fitTable, renderFigureTableRows } from './render-figure-table.js';

/** A check run's `output.summary` holds at most 65,535 characters. */
export const maxCheckSummaryLength = 65_535;

/**
 * The check run's output: a title and the table of figures as summary, truncated by rows.
 *
 * @example
 * const { title, summary } = renderCheckSummary(rows);
 */
export function renderCheckSummary(rows: readonly FigureRow[], limit = maxCheckSummaryLength) {
  const title = `${rows.length} figure${rows.length === 1 ? '' : 's'}`;
  const { header, lines } = renderFigureTableRows(rows);
  const summary = fitTable({ before: '', after: '', header, lines, limit });
  return { title, summary };
}
