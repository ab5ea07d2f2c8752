import { toFields, toText } from '../shared/fields.js';

export interface MarkdownData {
  source: string;
}

/** `Markdown` figure data: `{source}` (GitHub-flavoured markdown). */
export function parseMarkdown(raw: unknown): MarkdownData {
  const data = toFields(raw, 'Markdown data');
  return { source: toText(data.source, 'source') };
}
