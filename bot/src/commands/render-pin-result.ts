import { escapeMarkdownCell } from '../comment/escape-markdown.js';
import type { PinResult } from '../lib/pin-pull-request-figures.js';

/** The answer to `/figurl pin`: what was pinned, what already was, what failed and why. */
export function renderPinResult(result: PinResult): string {
  const total = result.pinned + result.alreadyPinned + result.failed.length;
  if (total === 0) return 'No figures are registered for this pull request, so there is nothing to pin.';
  const lines = [
    `Pinned ${result.pinned} figure${result.pinned === 1 ? '' : 's'}` +
      (result.alreadyPinned > 0 ? ` (${result.alreadyPinned} already pinned)` : '') +
      '; pinned figures never expire.',
  ];
  if (result.failed.length > 0) {
    lines.push('', `Could not pin ${result.failed.length}:`);
    for (const failure of result.failed.slice(0, 20)) {
      lines.push(`- ${escapeMarkdownCell(failure.label)}: ${escapeMarkdownCell(failure.message, 300)}`);
    }
    if (result.failed.length > 20) lines.push(`- … and ${result.failed.length - 20} more`);
  }
  return lines.join('\n');
}
