import { FigurlError } from '../../errors/index.js';
import { checkOptions } from '../check-values.js';
import type { View } from '../view.js';
import { DirectedLayout, type Direction, type LayoutItem } from './layout-item.js';

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
export class Splitter extends DirectedLayout {
  constructor(options: SplitterOptions) {
    super('Splitter', checkOptions(options, 'Splitter', "{ direction: 'horizontal', items: [view1, view2] }"));
    if (this.items.length !== 2) {
      throw new FigurlError(
        'INVALID_REQUEST',
        `invalid Splitter items: got ${this.items.length}; expected exactly 2 (use a Box for more)`,
      );
    }
  }
}
