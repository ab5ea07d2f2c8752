/**
 * The hidden marker that identifies the sticky comment of one key: an HTML comment, which
 * GitHub renders invisibly and does not rewrite (CML's image watermark needed escaping).
 * Keys are restricted by the config schema to `[A-Za-z0-9._-]`, so they cannot end the comment.
 *
 * @example
 * toCommentMarker('figures'); // '<!-- figurl:figures -->'
 */
export function toCommentMarker(key: string): string {
  return `<!-- figurl:${key} -->`;
}
