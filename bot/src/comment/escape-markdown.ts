/**
 * Text from an uploader (a figure label, possibly from a fork's CI) as inert Markdown for one
 * table cell: no HTML, no links or images, no @-mentions, no table breaks, one line, at most
 * `maxLength` characters.
 *
 * @example
 * escapeMarkdownCell('a | b <img> @team'); // 'a \\| b &lt;img&gt; &#64;team'
 */
export function escapeMarkdownCell(text: string, maxLength = 200): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  const oneLine = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const short = oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
  // Backslash escapes first: the entities added afterwards contain `#` and `&` of their own.
  return short
    .replace(/[\\`*_[\]|#!~()]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;');
}

/**
 * A URL safe inside a Markdown link or image destination and a table cell: only http(s), and
 * the characters that would end the destination or the cell percent-encoded. Null for any
 * other scheme (`javascript:` and friends never reach the page).
 *
 * @example
 * toSafeLinkUrl('https://figurl.org/f?v=a b|c'); // 'https://figurl.org/f?v=a%20b%7Cc'
 */
export function toSafeLinkUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null;
  return url.replace(/[\s()<>|"'`\\[\]]/g, (c) =>
    c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
}
