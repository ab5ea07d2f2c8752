import { checkBoolean, checkOneOf, checkOptions, optional } from '../check-values.js';
import type { View } from '../view.js';
import { type LayoutItem, toLayoutItems } from './layout-item.js';
import { type LayoutFields, LayoutView } from './layout-view.js';

export type Direction = 'horizontal' | 'vertical';
export const directions: readonly Direction[] = ['horizontal', 'vertical'];

export interface BoxOptions {
  direction: Direction;
  items: readonly (LayoutItem | View)[];
  scrollbar?: boolean | undefined;
  showTitles?: boolean | undefined;
}

/**
 * Views side by side or stacked (Python's `vv.Box(items, direction=…, scrollbar=…,
 * show_titles=…)`). Data: `{type: 'Box', direction, items, itemProperties[, scrollbar][, showTitles]}`.
 *
 * @example
 * new vv.Box({ direction: 'vertical', items: [new vv.LayoutItem(raster, { stretch: 2 }), amplitudes] });
 */
export class Box extends LayoutView<LayoutItem> {
  readonly direction: Direction;
  readonly items: readonly LayoutItem[];
  readonly scrollbar: boolean | undefined;
  readonly showTitles: boolean;

  constructor(options: BoxOptions) {
    super('Box');
    const o = checkOptions(options, 'Box', "{ direction: 'horizontal', items: [view1, view2] }");
    this.direction = checkOneOf(o.direction, directions, 'Box direction');
    this.items = toLayoutItems(o.items, 'Box items');
    this.scrollbar = optional(o.scrollbar, 'Box scrollbar', checkBoolean);
    this.showTitles = optional(o.showTitles, 'Box showTitles', checkBoolean) ?? false;
  }

  protected itemProperties(item: LayoutItem): LayoutFields {
    return item.properties;
  }

  protected override layoutFields(): LayoutFields {
    return {
      direction: this.direction,
      ...(this.scrollbar === undefined ? {} : { scrollbar: this.scrollbar }),
      ...(this.showTitles ? { showTitles: true } : {}),
    };
  }
}
