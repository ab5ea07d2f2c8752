import type { FigureRow } from '../figures/to-figure-rows.js';
import { toCommentMarker } from './comment-marker.js';
import { fitTable, renderFigureTableRows } from './render-figure-table.js';

/** GitHub refuses comment bodies over 65,536 characters ("Body is too long"). */
export const maxCommentLength = 65_536;

export interface RenderFiguresCommentOptions {
  /** The sticky comment's key (`<!-- figurl:<key> -->`). */
  key: string;
  rows: readonly FigureRow[];
  /** The pull request's head commit. */
  headSha: string;
  /** The base branch and its latest commit, when known. */
  base: { ref: string; sha: string } | null;
  /** Default `maxCommentLength`. */
  limit?: number;
}

/**
 * The sticky comment's body: marker, heading, the table of figures for the head commit, and
 * the commit; truncated by rows to fit GitHub's limit, the marker always kept.
 *
 * @example
 * const body = renderFiguresComment({ key: 'figures', rows, headSha, base: { ref: 'main', sha } });
 */
export function renderFiguresComment(options: RenderFiguresCommentOptions): string {
  const { key, rows, headSha, base } = options;
  const short = headSha.slice(0, 7);
  const count = `${rows.length} figure${rows.length === 1 ? '' : 's'}`;
  const heading =
    rows.length === 0
      ? `### figurl\n\nNo figures are registered for commit \`${short}\` yet.`
      : `### figurl: ${count} for \`${short}\`\n\n`;
  const baseLine =
    base === null || !rows.some((row) => row.baseUrl !== null)
      ? ''
      : ` · compared with \`${escapeRef(base.ref)}\` at \`${base.sha.slice(0, 7)}\``;
  const { header, lines } = renderFigureTableRows(rows);
  return fitTable({
    before: `${toCommentMarker(key)}\n${heading}`,
    after: `\n\n<sub>Commit ${headSha}${baseLine}</sub>`,
    header,
    lines,
    limit: options.limit ?? maxCommentLength,
  });
}

/** Branch names come from the repository; keep them inert inside a code span. */
function escapeRef(ref: string): string {
  return ref.replace(/[`\n\r]/g, '').slice(0, 200);
}
