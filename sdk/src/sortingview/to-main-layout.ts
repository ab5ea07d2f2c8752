import { FigurlError, isFigurlError, quote } from '../errors/index.js';
import { figureDataJson } from '../figures/figure-data-json.js';
import { sha1Hex } from '../hash/digest-stream.js';
import type { CreateHasher } from '../hash/hasher.js';
import type { ToDictOptions } from './array-json.js';
import { assignViewIds, type ViewIds } from './assign-view-ids.js';
import type { View, ViewDict } from './view.js';

/** The figure data of a sortingview figure: the layout tree and where each view's data is. */
export type MainLayoutData = {
  type: 'MainLayout';
  layout: ViewDict;
  views: { type: string; viewId: string; dataUri: string }[];
};

/** One view's data as stored: canonical JSON, its SHA-1 and the ID the layout names it by. */
export interface StoredViewData {
  viewId: string;
  type: string;
  sha1: string;
  bytes: Uint8Array;
}

/** What a layout contributes: its own tree, given the IDs of the views in it. */
interface Layout {
  layoutDict(ids: ViewIds): ViewDict;
}

/**
 * Python's `View.url_dict` without the uploads: the `MainLayout` data
 * `{type: 'MainLayout', layout, views: [{type, viewId, dataUri}]}` and the data of every view
 * (each its own `sha1://` blob), view IDs assigned depth first. A view that is not a layout is
 * put in `Box(horizontal, [LayoutItem(view)])` first, as Python does (the Box is "0", the view "1").
 *
 * @example
 * const { data, views } = toMainLayout(raster);
 * // data.layout: {type: 'Box', direction: 'horizontal', items: [{type: 'View', viewId: '1'}], itemProperties: [{}]}
 */
export function toMainLayout(
  view: View,
  options: ToDictOptions & { createHasher?: CreateHasher | undefined } = {},
): { data: MainLayoutData; views: StoredViewData[] } {
  let ids: ViewIds;
  let layout: ViewDict;
  if (view.isLayout) {
    ids = assignViewIds(view);
    layout = (view as unknown as Layout).layoutDict(ids);
  } else {
    ids = new Map([[view, '1']]);
    layout = { type: 'Box', direction: 'horizontal', items: [{ type: 'View', viewId: '1' }], itemProperties: [{}] };
  }
  const views: StoredViewData[] = [];
  for (const [leaf, viewId] of ids) {
    if (leaf.isLayout) continue;
    const bytes = new TextEncoder().encode(viewJson(leaf, viewId, options));
    views.push({ viewId, type: leaf.type, sha1: sha1Hex(bytes, options.createHasher), bytes });
  }
  return {
    data: {
      type: 'MainLayout',
      layout,
      views: views.map(({ type, viewId, sha1 }) => ({ type, viewId, dataUri: `sha1://${sha1}` })),
    },
    views,
  };
}

function viewJson(view: View, viewId: string, options: ToDictOptions): string {
  try {
    const dict = view.toDict(options);
    if (dict.type !== view.type) {
      throw new FigurlError('INTERNAL', `its data has type ${quote(dict.type)}; expected ${quote(view.type)}`);
    }
    return figureDataJson(dict);
  } catch (err) {
    if (!isFigurlError(err)) throw err;
    throw new FigurlError(err.code, `view ${quote(viewId)} (${view.type}): ${err.message}`, { cause: err });
  }
}
