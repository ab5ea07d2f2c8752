import { describeValue } from '../shared/fields.js';

/**
 * An image address a view may show: a `data:image/…` URL (what sortingview's Python writes) or
 * an http(s) URL. Anything else (javascript:, file names, storage URIs) is an error.
 *
 * @example
 * toImageUrl('data:image/png;base64,iVBOR…', 'url');
 */
export function toImageUrl(value: unknown, what: string): string {
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^data:image\/[a-z0-9.+-]+[;,]/i.test(text)) return text;
    if (/^https?:\/\//i.test(text)) {
      try {
        return new URL(text).href;
      } catch {
        // Falls through to the error below.
      }
    }
  }
  throw new Error(`invalid ${what}: expected a data:image/… URL or an http(s) URL, got ${describeValue(value)}`);
}
