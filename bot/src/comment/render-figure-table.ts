import type { FigureRow } from '../figures/to-figure-rows.js';
import { escapeMarkdownCell, toSafeLinkUrl } from './escape-markdown.js';

/** A row longer than this is shown without its links (a `data:` figURL can be megabytes). */
const maxRowLength = 8000;

const tableHeader = (withBase: boolean, withPreview: boolean) => {
  const columns = ['Figure', 'figURL', ...(withPreview ? ['Preview'] : []), ...(withBase ? ['Base vs head'] : [])];
  return `| ${columns.join(' | ')} |\n|${columns.map(() => ' --- ').join('|')}|`;
};

/**
 * The table lines of the figures, one string per row, each already made safe: labels escaped,
 * links http(s) only, over-long rows replaced by a short one.
 */
export function renderFigureTableRows(rows: readonly FigureRow[]): { header: string; lines: string[] } {
  const withBase = rows.some((row) => row.baseUrl !== null);
  const withPreview = rows.some((row) => row.thumbnailUrl !== null);
  const lines = rows.map((row) => {
    const label = escapeMarkdownCell(row.label);
    const url = toSafeLinkUrl(row.url);
    const link = url === null ? '—' : `[open](${url})`;
    const cells = [label, link];
    if (withPreview) {
      const thumbnail = row.thumbnailUrl === null ? null : toSafeLinkUrl(row.thumbnailUrl);
      cells.push(thumbnail === null ? '—' : `![${label}](${thumbnail})`);
    }
    if (withBase) {
      const base = row.baseUrl === null ? null : toSafeLinkUrl(row.baseUrl);
      cells.push(base === null || url === null ? '—' : `[base](${base}) → [head](${url})`);
    }
    const line = `| ${cells.join(' | ')} |`;
    if (line.length <= maxRowLength) return line;
    const short = [label, 'figURL too long to show here', ...(withPreview ? ['—'] : []), ...(withBase ? ['—'] : [])];
    return `| ${short.join(' | ')} |`;
  });
  return { header: tableHeader(withBase, withPreview), lines };
}

export interface FitTableOptions {
  /** Text before the table (marker, heading). */
  before: string;
  /** Text after the table (commit line). */
  after: string;
  header: string;
  lines: readonly string[];
  /** The most characters (UTF-16 code units, never fewer than GitHub's characters) allowed. */
  limit: number;
}

/**
 * `before`, the table and `after`, with as many rows as fit under `limit`; the rows left out
 * are counted in a "… N more figures" line. `before` (which holds the marker) and `after` are
 * always kept whole, so the sticky comment can still be found after truncation.
 *
 * @example
 * fitTable({ before: marker, after: '', header, lines, limit: 65_536 });
 */
export function fitTable(options: FitTableOptions): string {
  const { before, after, header, lines, limit } = options;
  const join = (kept: readonly string[], more: number) => {
    const moreLine = more === 0 ? '' : `\n\n_… ${more} more figure${more === 1 ? '' : 's'} not shown_`;
    const table = kept.length === 0 ? '' : `${header}\n${kept.join('\n')}`;
    return `${before}${table}${moreLine}${after}`;
  };
  const whole = join(lines, 0);
  if (whole.length <= limit) return whole;
  // Reserve room for the longest possible "more" line, then add rows while they fit.
  const reserve = join([], lines.length).length;
  let used = reserve + header.length + 1;
  const kept: string[] = [];
  for (const line of lines) {
    if (used + line.length + 1 > limit) break;
    kept.push(line);
    used += line.length + 1;
  }
  const body = join(kept, lines.length - kept.length);
  if (body.length > limit) throw new RangeError(`the comment's fixed text exceeds ${limit} characters`);
  return body;
}
