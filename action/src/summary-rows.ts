import type { PublishedFile } from './publish-figure-file.js';

/** A cell as `core.summary.addTable` takes it: `data` is inserted as HTML, unescaped. */
export interface SummaryCell {
  data: string;
  header?: boolean;
}

/**
 * The job summary's table, for `core.summary.addTable`: a header row, then one row per figure
 * with its label, a link, its kind, and — only when the figure has an image URL (plain image
 * files) — a thumbnail. Text is HTML-escaped, since the summary inserts cells as HTML.
 *
 * @example
 * core.summary.addTable(summaryRows(figures));
 */
export function summaryRows(figures: readonly PublishedFile[]): SummaryCell[][] {
  const thumbnails = figures.some((figure) => figure.imageUrl !== undefined);
  const header = ['Figure', 'Link', 'Kind', ...(thumbnails ? ['Preview'] : [])].map((data) => ({ data, header: true }));
  const rows = figures.map((figure) => [
    { data: escapeHtml(figure.label) },
    { data: `<a href="${escapeHtml(figure.url)}">open</a>` },
    { data: figure.kind },
    ...(thumbnails
      ? [
          {
            data:
              figure.imageUrl === undefined
                ? ''
                : `<img src="${escapeHtml(figure.imageUrl)}" alt="${escapeHtml(figure.label)}" width="160">`,
          },
        ]
      : []),
  ]);
  return [header, ...rows];
}

/** Text or an attribute value safe inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
