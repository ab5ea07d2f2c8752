import { stickyMarker } from './find-sticky-comment.js';
import type { FileFailure } from './main.js';
import type { PublishedFile } from './publish-figure-file.js';

/** GitHub refuses comment bodies over 65,536 characters ("Body is too long"); stay well under. */
export const maxCommentLength = 65_000;

export interface CommentDetails {
  figures: readonly PublishedFile[];
  failures: readonly FileFailure[];
  commitSha?: string | undefined;
  runUrl?: string | undefined;
}

/**
 * The sticky pull request comment: the marker, a table of the figures (label, link, kind), the
 * files that failed, and the commit and run. Rows that would take the body past `maxLength`
 * are left out and counted ("…and 12 more figures: see the job summary"), so the body is
 * always accepted.
 *
 * @example
 * renderComment({ figures: [{ label: 'loss', url, file: 'figures/loss.json', kind: 'vega-lite' }], failures: [] });
 */
export function renderComment(details: CommentDetails, maxLength = maxCommentLength): string {
  const { figures, failures, commitSha, runUrl } = details;
  const context = [commitSha && `commit ${commitSha.slice(0, 7)}`, runUrl && `[workflow run](${runUrl})`]
    .filter(Boolean)
    .join(' · ');
  const head = `${stickyMarker}\n### figurl: ${count(figures.length, 'figure')}\n\n${context ? `${context}\n\n` : ''}`;
  const failed =
    failures.length === 0
      ? ''
      : `\n**${count(failures.length, 'file')} failed:**\n\n${failures.map((f) => `- \`${cell(f.file)}\`: ${cell(f.message)}`).join('\n')}\n`;
  const tableHead = figures.length === 0 ? '' : '| Figure | Link | Kind |\n| --- | --- | --- |\n';
  const rows = figures.map((f) => `| ${cell(f.label)} | [open](${f.url}) | ${f.kind} |\n`);
  const tail = (left: number) => (left === 0 ? '' : `\n…and ${count(left, 'more figure')}: see the job summary.\n`);
  let body = head + tableHead;
  let shown = 0;
  for (const row of rows) {
    const left = rows.length - shown - 1;
    if (body.length + row.length + tail(left).length + failed.length > maxLength) break;
    body += row;
    shown++;
  }
  body += tail(rows.length - shown) + failed;
  return body.length <= maxLength ? body : `${body.slice(0, maxLength - 2)}…\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Text safe inside a Markdown table cell: one line, pipes and HTML escaped. */
export function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}
