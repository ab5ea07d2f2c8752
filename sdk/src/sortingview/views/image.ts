import { checkOptions, checkString, invalid } from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * An image among the views (Python's `vv.Image(url=…)`): a `data:image/png;base64,…` or
 * `https://…` URL. Data: `{type: 'Image', url}`.
 *
 * @example
 * new vv.Image({ url: 'data:image/png;base64,iVBORw0KGgo…' });
 */
export class Image extends View {
  /** The image (`url` in its data; `url()` is the figURL). */
  readonly imageUrl: string;

  constructor(options: { url: string }) {
    super('Image');
    const o = checkOptions(options, 'Image', "{ url: 'data:image/png;base64,…' }");
    const url = checkString(o.url, 'Image url');
    if (!/^(data:image\/|https?:\/\/)/.test(url)) throw invalid('Image url', url, 'a data:image/… or http(s):// URL');
    this.imageUrl = url;
  }

  toDict(): ViewDict {
    return { type: this.type, url: this.imageUrl };
  }
}
