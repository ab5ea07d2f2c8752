/** figurl-markdown's figure data. */
export interface MarkdownData {
  source: string;
}

/**
 * Accepts exactly `{source: string}` (figurl-markdown `isMarkdownData`), throwing "Invalid data: …"
 * otherwise. Returns null for `{}`, what a shell answers for a figURL without `d`.
 *
 * @example
 * parseMarkdownData({ source: '# Title' }); // { source: '# Title' }
 */
export function parseMarkdownData(data: unknown): MarkdownData | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('Invalid data: expected an object {source}');
  }
  const record = data as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return null;
  const extra = keys.find((key) => key !== 'source');
  if (extra !== undefined) {
    throw new Error(`Invalid data: unexpected key ${JSON.stringify(extra)}: expected exactly {source}`);
  }
  if (typeof record.source !== 'string') {
    throw new Error(`Invalid data: source is ${typeof record.source}: expected Markdown text`);
  }
  return { source: record.source };
}
