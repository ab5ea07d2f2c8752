import { checkInstances, checkOneOf, checkOptions, checkString, optional } from '../check-values.js';
import type { View } from '../view.js';
import { checkView } from './layout-item.js';
import { type LayoutFields, LayoutView } from './layout-view.js';

/**
 * A tab of a TabLayout (Python's `vv.TabLayoutItem(label=…, view=…)`).
 *
 * @example
 * new vv.TabLayoutItem({ label: 'Raster', view: raster });
 */
export class TabLayoutItem {
  readonly label: string;
  readonly view: View;

  constructor(options: { label: string; view: View }) {
    const o = checkOptions(options, 'TabLayoutItem', "{ label: 'Raster', view }");
    this.label = checkString(o.label, 'TabLayoutItem label');
    this.view = checkView(o.view, 'TabLayoutItem view');
  }
}

/**
 * Views in tabs (Python's `vv.TabLayout(items=[vv.TabLayoutItem(…)], tab_bar_layout=…)`).
 * Data: `{type: 'TabLayout', items, itemProperties: [{label}][, tabBarLayout]}`.
 *
 * @example
 * new vv.TabLayout({ items: [new vv.TabLayoutItem({ label: 'Raster', view: raster })] });
 */
export class TabLayout extends LayoutView<TabLayoutItem> {
  readonly items: readonly TabLayoutItem[];
  readonly tabBarLayout: 'vertical' | undefined;

  constructor(options: { items: readonly TabLayoutItem[]; tabBarLayout?: 'vertical' | undefined }) {
    super('TabLayout');
    const o = checkOptions(options, 'TabLayout', "{ items: [new vv.TabLayoutItem({ label: 'Raster', view })] }");
    this.items = [...checkInstances(o.items, TabLayoutItem, 'TabLayout items')];
    this.tabBarLayout = optional(o.tabBarLayout, 'TabLayout tabBarLayout', (v, w) => checkOneOf(v, ['vertical'], w));
  }

  protected itemProperties(item: TabLayoutItem): LayoutFields {
    return { label: item.label };
  }

  protected override layoutFields(): LayoutFields {
    return this.tabBarLayout === undefined ? {} : { tabBarLayout: this.tabBarLayout };
  }
}
