import type { CanonicalJsonValue } from '../canonical-json/index.js';
import { FigurlError } from '../errors/index.js';
import type { FigureUrlRequest } from '../figures/figure.js';
import type { FigurlContext } from '../figures/figurl-context.js';
import type { CreateHasher } from '../hash/hasher.js';
import type { ToDictOptions } from './array-json.js';
import { SortingviewFigure } from './sortingview-figure.js';

/** A view's figure data: `{type, …}` as the sortingview plugin reads it. */
export type ViewDict = { readonly type: string; readonly [key: string]: CanonicalJsonValue | undefined };

export interface SortingviewUrlRequest extends FigureUrlRequest, ToDictOptions {}

/**
 * A sortingview view or layout (Python's `sortingview.views.View`). `toDict()` is its figure
 * data; `url()` stores every view's data as a blob of its own and publishes a `MainLayout`
 * figure pointing at them (see `SortingviewFigure`).
 */
export abstract class View {
  /** The `type` of its data: `RasterPlot`, `Summary`, `Box`, `Mountain`… */
  readonly type: string;
  /** Box, Splitter, TabLayout and Mountain arrange other views; their data is the layout tree. */
  readonly isLayout: boolean;

  protected constructor(type: string, isLayout = false) {
    this.type = type;
    this.isLayout = isLayout;
  }

  /** The figure data of this view (for a layout, its tree with the view IDs `url()` gives). */
  abstract toDict(options?: ToDictOptions): ViewDict;

  /** The views a layout arranges, in order; none for a view. */
  childViews(): readonly View[] {
    return [];
  }

  /**
   * The figure `url()` publishes: the `MainLayout` data and each view's data, serialised and
   * hashed now (so later changes to arrays passed in do not change it). Nothing is sent.
   *
   * @example
   * const figure = layout.toFigure();
   * figure.json; // '{"layout":{…},"type":"MainLayout","views":[{"dataUri":"sha1://…","type":"RasterPlot","viewId":"1"}]}'
   */
  toFigure(options: ToDictOptions & { createHasher?: CreateHasher | undefined } = {}): SortingviewFigure {
    return new SortingviewFigure(this, options);
  }

  /**
   * Stores each view's data and the `MainLayout` in the zone, registers the figure and resolves
   * its figURL, as Python's `view.url(label=…, state=…)`. The same views give the same URIs
   * and the same link. A view that is not a layout is shown in a horizontal Box.
   *
   * @example
   * const url = await new vv.RasterPlot({ startTimeSec: 0, endTimeSec: 60, plots }).url({ label: 'raster', context });
   */
  async url(request: SortingviewUrlRequest): Promise<string> {
    const context = request.context ?? this.defaultContext();
    const figure = this.toFigure({ allowFloat64: request.allowFloat64, createHasher: context.createHasher });
    return figure.url({ label: request.label, state: request.state, context });
  }

  /** The context `url()` uses when given none. Pure here; `@figurl/sdk/node` reads the environment. */
  protected defaultContext(): FigurlContext {
    throw new FigurlError(
      'INVALID_REQUEST',
      'no figurl context: expected url({ label, context: createFigurl({ zoneUrl, shellUrl, fetch }) }), ' +
        'or the views of @figurl/sdk/node (vv), which read FIGURL_ZONE_URL and FIGURL_SHELL_URL',
    );
  }
}
