import { FigurlError } from '../../errors/index.js';
import { checkOneOf, checkOptions } from '../check-values.js';
import type { View } from '../view.js';
import { type Direction, directions } from './box.js';
import { type LayoutItem, toLayoutItems } from './layout-item.js';
import { type LayoutFields, LayoutView } from './layout-view.js';

export interface SplitterOptions {
  direction: Direction;
  /** Exactly two. */
  items: readonly [LayoutItem | View, LayoutItem | View];
}

/**
 * Two views with a grip between them (Python's `vv.Splitter(item1, item2, direction=…)`).
 * Data: `{type: 'Splitter', direction, items, itemProperties}`.
 *
 * @example
 * new vv.Splitter({ direction: 'horizontal', items: [unitsTable, new vv.LayoutItem(raster, { stretch: 3 })] });
 */
export class Splitter extends LayoutView<LayoutItem> {
  readonly direction: Direction;
  readonly items: readonly LayoutItem[];

  constructor(options: SplitterOptions) {
    super('Splitter');
    const o = checkOptions(options, 'Splitter', "{ direction: 'horizontal', items: [view1, view2] }");
    this.direction = checkOneOf(o.direction, directions, 'Splitter direction');
    this.items = toLayoutItems(o.items, 'Splitter items');
    if (this.items.length !== 2) {
      throw new FigurlError(
        'INVALID_REQUEST',
        `invalid Splitter items: got ${this.items.length}; expected exactly 2 (use a Box for more)`,
      );
    }
  }

  protected itemProperties(item: LayoutItem): LayoutFields {
    return item.properties;
  }

  protected override layoutFields(): LayoutFields {
    return { direction: this.direction };
  }
}
