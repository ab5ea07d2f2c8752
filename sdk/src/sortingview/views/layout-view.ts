import type { CanonicalJsonValue } from '../../canonical-json/index.js';
import { FigurlError } from '../../errors/index.js';
import { assignViewIds, type ViewIds } from '../assign-view-ids.js';
import { View, type ViewDict } from '../view.js';

/** Fields of the layout data: an item's properties, or the layout's own fields. */
export type LayoutFields = { readonly [key: string]: CanonicalJsonValue | undefined };

/**
 * A view that arranges others (Box, Splitter, TabLayout, Mountain), each held by one of its
 * `items`. Its data is its tree, `{type, items, itemProperties[, …]}`, with `{type: 'View',
 * viewId}` where a view's data goes: `toDict()` numbers the views as `url()` does.
 */
export abstract class LayoutView<Item extends { readonly view: View } = { readonly view: View }> extends View {
  /** What it arranges, in order: one view each. */
  abstract readonly items: readonly Item[];

  protected constructor(type: string) {
    super(type, true);
  }

  override childViews(): readonly View[] {
    return this.items.map((item) => item.view);
  }

  /** The layout tree, the views numbered from this layout as the root. */
  override toDict(): ViewDict {
    return this.layoutDict(assignViewIds(this));
  }

  /** The layout tree with the given view IDs (those of the whole figure). */
  layoutDict(ids: ViewIds): ViewDict {
    return {
      type: this.type,
      items: this.items.map((item) => this.nodeOf(item.view, ids)),
      itemProperties: this.items.map((item) => this.itemProperties(item)),
      ...this.layoutFields(),
    };
  }

  /** An item's entry of `itemProperties`. */
  protected abstract itemProperties(item: Item): LayoutFields;

  /** The layout's fields besides `type`, `items` and `itemProperties`; none by default. */
  protected layoutFields(): LayoutFields {
    return {};
  }

  /** A child in the tree: a layout's own tree, or a reference to a view's data. */
  private nodeOf(view: View, ids: ViewIds): ViewDict {
    if (view instanceof LayoutView) return view.layoutDict(ids);
    const viewId = ids.get(view);
    if (viewId === undefined) throw new FigurlError('INTERNAL', `no view ID for a ${view.type} view`);
    return { type: 'View', viewId };
  }
}
