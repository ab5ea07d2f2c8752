import type { View } from './view.js';

/** The ID of each view of a tree, as the layout dict and the `views` list of a MainLayout name it. */
export type ViewIds = ReadonlyMap<View, string>;

/**
 * Numbers the views of a tree `"0"`, `"1"`, … depth first, the root and the layouts included,
 * as Python's `View.url_dict` does ("to make the figure deterministic": the same views give the
 * same IDs, so the same data and the same links). A view placed twice keeps its first ID.
 *
 * @example
 * assignViewIds(new vv.Box({ direction: 'vertical', items: [raster, amplitudes] }));
 * // Map { box => '0', raster => '1', amplitudes => '2' }
 */
export function assignViewIds(root: View): Map<View, string> {
  const ids = new Map<View, string>();
  let next = 0;
  const visit = (view: View) => {
    const id = String(next++);
    if (!ids.has(view)) ids.set(view, id);
    for (const child of view.childViews()) visit(child);
  };
  visit(root);
  return ids;
}
