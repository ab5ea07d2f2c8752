import { FigurlError } from '../errors/index.js';
import { assertViewUri } from '../uri/assert-view-uri.js';
import { type FigureData, figureDataJson } from './figure-data-json.js';
import type { FigurlContext } from './figurl-context.js';
import { type PublishFigureOptions, publishFigure } from './publish-figure.js';

export interface FigureUrlRequest extends PublishFigureOptions {
  /** Where to store and register; default: see `Figure#url`. */
  context?: FigurlContext | undefined;
}

/**
 * A figure for any plugin: a view (`gs://…`, `npm://…`, `http(s)://…` or one of the shell's
 * plugin names such as `vegalite`) and the JSON data it renders. The view and the data are
 * checked, and the data serialised (canonical JSON), when the figure is made: changing the
 * object passed in afterwards does not change the figure.
 *
 * @example
 * const figure = new Figure({ view: 'npm://@fi-sci/figurl-sortingview@12/dist', data: layout });
 * const url = await figure.url({ label: 'units', context: createFigurl({ zoneUrl, shellUrl, fetch }) });
 */
export class Figure {
  readonly view: string;
  /** The data as stored: canonical JSON (see `figureDataJson`). */
  readonly json: string;

  constructor(init: { view: string; data: FigureData }) {
    this.view = assertViewUri(init.view);
    this.json = figureDataJson(init.data);
  }

  /**
   * Stores the data in the zone, registers the figure and resolves its figURL
   * (`<shell>/f?v=…&d=sha1://…&label=…[&s=…]`); see `publishFigure`. Without a `context`, the
   * builders of `@figurl/sdk` fail; those of `@figurl/sdk/node` read the environment
   * (FIGURL_ZONE_URL, FIGURL_SHELL_URL, FIGURL_TOKEN, GitHub Actions' variables).
   *
   * @example
   * const url = await new Figure({ view: 'markdown', data: { source: '# Run 12' } }).url({ label: 'notes', context });
   */
  async url(request: FigureUrlRequest): Promise<string> {
    const { context, ...options } = request;
    const published = await publishFigure(context ?? this.defaultContext(), this, options);
    return published.url;
  }

  /** The context `url()` uses when given none. Pure here; `@figurl/sdk/node` reads the environment. */
  protected defaultContext(): FigurlContext {
    throw new FigurlError(
      'INVALID_REQUEST',
      'no figurl context: expected url({ label, context: createFigurl({ zoneUrl, shellUrl, fetch }) }), ' +
        'or the builders of @figurl/sdk/node, which read FIGURL_ZONE_URL and FIGURL_SHELL_URL',
    );
  }
}
