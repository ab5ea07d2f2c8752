import { FigurlError } from '../../errors/index.js';
import { assignViewIds, type ViewIds } from '../assign-view-ids.js';
import { View, type ViewDict } from '../view.js';

/**
 * A view that arranges others (Box, Splitter, TabLayout, Mountain). Its data is its tree, with
 * `{type: 'View', viewId}` where a view's data goes: `toDict()` numbers the views as `url()` does.
 */
export abstract class LayoutView extends View {
  protected constructor(type: string) {
    super(type, true);
  }

  /** The layout tree, the views numbered from this layout as the root. */
  override toDict(): ViewDict {
    return this.layoutDict(assignViewIds(this));
  }

  /** The layout tree with the given view IDs (those of the whole figure). */
  abstract layoutDict(ids: ViewIds): ViewDict;

  /** A child in the tree: a layout's own tree, or a reference to a view's data. */
  protected nodeOf(view: View, ids: ViewIds): ViewDict {
    if (view instanceof LayoutView) return view.layoutDict(ids);
    const viewId = ids.get(view);
    if (viewId === undefined) throw new FigurlError('INTERNAL', `no view ID for a ${view.type} view`);
    return { type: 'View', viewId };
  }
}
