import { Figure, type FigureUrlRequest } from '../figures/figure.js';
import { publishFigure } from '../figures/publish-figure.js';
import type { CreateHasher } from '../hash/hasher.js';
import type { ToDictOptions } from './array-json.js';
import { type StoredViewData, toMainLayout } from './to-main-layout.js';
import type { View } from './view.js';

/**
 * The view of sortingview figures, as Python's sortingview writes it (`sortingview_view_url`);
 * our shell opens it in its own `sortingview` plugin.
 */
export const sortingviewView = 'npm://@fi-sci/figurl-sortingview@12/dist';

/**
 * A sortingview figure: `MainLayout` data for `npm://@fi-sci/figurl-sortingview@12/dist`
 * naming one `sha1://` blob per view (`toMainLayout`). `url()` publishes it as any `Figure`
 * (`publishFigure`), the views' blobs stored after the label and state are checked and before
 * the `MainLayout`.
 *
 * @example
 * const figure = new SortingviewFigure(layout);
 * figure.views.length; // one per view of the layout
 * const url = await figure.url({ label: 'sorting 12', context });
 */
export class SortingviewFigure extends Figure {
  /** Each view's data as stored, in view-ID order. */
  readonly views: readonly StoredViewData[];

  constructor(view: View, options: ToDictOptions & { createHasher?: CreateHasher | undefined } = {}) {
    const { data, views } = toMainLayout(view, options);
    super({ view: sortingviewView, data });
    this.views = views;
  }

  override async url(request: FigureUrlRequest): Promise<string> {
    const { context, ...options } = request;
    const figure = { view: this.view, json: this.json, blobs: this.views };
    const published = await publishFigure(context ?? this.defaultContext(), figure, options);
    return published.url;
  }
}
