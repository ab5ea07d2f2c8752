import { toFields } from '../shared/fields.js';
import { toImageUrl } from './image-url.js';

export interface ImageViewData {
  url: string;
}

/** `Image` figure data: `{url}` (a data URL or an http(s) URL). */
export function parseImage(raw: unknown): ImageViewData {
  const data = toFields(raw, 'Image data');
  return { url: toImageUrl(data.url, 'url') };
}
