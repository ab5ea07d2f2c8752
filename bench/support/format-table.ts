export interface TableRow {
  measurement: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  /** PASS or MISS against the target; empty for rows that only inform. */
  verdict: 'PASS' | 'MISS' | '';
}

const columns = ['measurement', 'ours', 'baseline', 'ratio', 'target', 'verdict'] as const;
const titles: Record<(typeof columns)[number], string> = {
  measurement: 'measurement',
  ours: 'ours',
  baseline: 'baseline',
  ratio: 'ratio',
  target: 'target',
  verdict: '',
};

/**
 * A plain-text table, one row per measurement, columns padded to their widest cell.
 *
 * @example
 * console.log(formatTable([{ measurement: 'store 1 GiB', ours: '250 MiB/s', baseline: '300 MiB/s', ratio: '0.83x', target: '>= 0.8x', verdict: 'PASS' }]));
 */
export function formatTable(rows: readonly TableRow[]): string {
  const widths = columns.map((column) => Math.max(titles[column].length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => titles[c])),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(columns.map((c) => row[c]))),
  ].join('\n');
}

/** The verdict of `ok`: PASS or MISS. */
export function verdictOf(ok: boolean): 'PASS' | 'MISS' {
  return ok ? 'PASS' : 'MISS';
}

/** Bytes as MiB with one decimal: `153.2 MiB`. */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
