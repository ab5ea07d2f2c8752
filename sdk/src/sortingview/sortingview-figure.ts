import { Figure, type FigureUrlRequest } from '../figures/figure.js';
import type { FigurlContext } from '../figures/figurl-context.js';
import { storeBytes } from '../figures/store-bytes.js';
import { sha1Hex } from '../hash/digest-stream.js';
import type { CreateHasher } from '../hash/hasher.js';
import { registerFigureRequestSchema } from '../schemas/figures.js';
import { parseWith } from '../schemas/parse-with.js';
import { figureUrl } from '../uri/figure-url.js';
import type { ToDictOptions } from './array-json.js';
import { type StoredViewData, toMainLayout } from './to-main-layout.js';
import type { View } from './view.js';

/**
 * The view of sortingview figures, as Python's sortingview writes it (`sortingview_view_url`);
 * our shell opens it in its own `sortingview` plugin.
 */
export const sortingviewView = 'npm://@fi-sci/figurl-sortingview@12/dist';

/** How many view blobs are uploaded at once. */
const parallelUploads = 4;

/**
 * A sortingview figure: `MainLayout` data for `npm://@fi-sci/figurl-sortingview@12/dist`
 * naming one `sha1://` blob per view (`toMainLayout`). `url()` checks the label and state,
 * stores the views' blobs, then publishes the figure as any `Figure` (`publishFigure`).
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
    const context = request.context ?? this.defaultContext();
    // As publishFigure: everything is checked before anything is sent, so a bad label stores nothing.
    checkPublishable(context, this, request);
    await storeViews(context, this.views);
    return super.url({ ...request, context });
  }
}

function checkPublishable(context: FigurlContext, figure: Figure, request: FigureUrlRequest): void {
  const dataUri = `sha1://${sha1Hex(new TextEncoder().encode(figure.json), context.createHasher)}`;
  const github = context.github;
  parseWith(
    registerFigureRequestSchema,
    {
      viewUri: figure.view,
      dataUri,
      label: request.label,
      ...(github === undefined ? {} : { repo: github.repo }),
      ...(github?.pullRequest === undefined ? {} : { pullRequest: github.pullRequest }),
      ...(github?.commitSha === undefined ? {} : { commitSha: github.commitSha }),
    },
    'figure',
  );
  figureUrl({
    baseUrl: context.shellUrl,
    view: figure.view,
    data: dataUri,
    label: request.label,
    state: request.state,
  });
}

async function storeViews(context: FigurlContext, views: readonly StoredViewData[]): Promise<void> {
  const pending = [...new Map(views.map((view) => [view.sha1, view])).values()];
  const worker = async () => {
    for (let view = pending.shift(); view !== undefined; view = pending.shift()) {
      await storeBytes(context.zone, view.bytes, { sha1: view.sha1 });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelUploads, pending.length) }, worker));
}
