/**
 * A heading's section name for URL state: lowercase words joined by `-`, made unique within a
 * document by a counter (`methods`, `methods-1`), as GitHub names heading anchors.
 *
 * @example
 * const taken = new Map<string, number>();
 * slugify('Methods & Data', taken); // 'methods-data'
 */
export function slugify(text: string, taken: Map<string, number>): string {
  const base =
    text
      .toLowerCase()
      .replace(/<[^>]*>/g, '')
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || 'section';
  const count = taken.get(base) ?? 0;
  taken.set(base, count + 1);
  return count === 0 ? base : `${base}-${count}`;
}
