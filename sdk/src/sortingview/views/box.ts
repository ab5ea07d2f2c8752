import { checkBoolean, checkOptions, optional } from '../check-values.js';
import type { View } from '../view.js';
import { DirectedLayout, type Direction, type LayoutItem } from './layout-item.js';
import type { LayoutFields } from './layout-view.js';

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
export class Box extends DirectedLayout {
  readonly scrollbar: boolean | undefined;
  readonly showTitles: boolean;

  constructor(options: BoxOptions) {
    const o = checkOptions(options, 'Box', "{ direction: 'horizontal', items: [view1, view2] }");
    super('Box', o);
    this.scrollbar = optional(o.scrollbar, 'Box scrollbar', checkBoolean);
    this.showTitles = optional(o.showTitles, 'Box showTitles', checkBoolean) ?? false;
  }

  protected override layoutFields(): LayoutFields {
    return {
      ...super.layoutFields(),
      ...(this.scrollbar === undefined ? {} : { scrollbar: this.scrollbar }),
      ...(this.showTitles ? { showTitles: true } : {}),
    };
  }
}
