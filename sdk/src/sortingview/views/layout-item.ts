import {
  checkBoolean,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkString,
  invalid,
  optional,
} from '../check-values.js';
import { View } from '../view.js';
import { type LayoutFields, LayoutView } from './layout-view.js';

export type Direction = 'horizontal' | 'vertical';
const directions: readonly Direction[] = ['horizontal', 'vertical'];

export interface LayoutItemOptions {
  minSize?: number | undefined;
  maxSize?: number | undefined;
  stretch?: number | undefined;
  title?: string | undefined;
  collapsible?: boolean | undefined;
}

/** Box and Splitter item properties as the layout data carries them. */
export type LayoutItemProperties = {
  minSize?: number;
  maxSize?: number;
  stretch?: number;
  title?: string;
  collapsible?: boolean;
};

/**
 * A view in a Box or Splitter with its sizing (Python's `vv.LayoutItem(view, min_size=…,
 * max_size=…, stretch=…, title=…, collapsible=…)`); properties left out are not written.
 *
 * @example
 * new vv.LayoutItem(raster, { stretch: 2, title: 'Raster' });
 */
export class LayoutItem {
  readonly view: View;
  readonly properties: LayoutItemProperties;

  constructor(view: View, options: LayoutItemOptions = {}) {
    this.view = checkView(view, 'LayoutItem view');
    const o = checkOptions(options, 'LayoutItem', '{ stretch: 1 }');
    const properties: LayoutItemProperties = {};
    const minSize = optional(o.minSize, 'LayoutItem minSize', checkNumber);
    const maxSize = optional(o.maxSize, 'LayoutItem maxSize', checkNumber);
    const stretch = optional(o.stretch, 'LayoutItem stretch', checkNumber);
    const title = optional(o.title, 'LayoutItem title', checkString);
    const collapsible = optional(o.collapsible, 'LayoutItem collapsible', checkBoolean);
    if (minSize !== undefined) properties.minSize = minSize;
    if (maxSize !== undefined) properties.maxSize = maxSize;
    if (stretch !== undefined) properties.stretch = stretch;
    if (title !== undefined) properties.title = title;
    if (collapsible !== undefined) properties.collapsible = collapsible;
    this.properties = properties;
  }
}

export function checkView(value: unknown, what: string): View {
  if (value instanceof View) return value;
  throw invalid(what, value, 'a view such as new vv.RasterPlot({ … })');
}

/** Items of a Box or Splitter: LayoutItems, or views (items without properties). */
export function toLayoutItems(value: unknown, what: string): LayoutItem[] {
  if (!Array.isArray(value)) throw invalid(what, value, 'a list of views or LayoutItems');
  return value.map((item, i) => (item instanceof LayoutItem ? item : new LayoutItem(checkView(item, `${what}[${i}]`))));
}

/**
 * Box and Splitter: LayoutItems in a row or a column. Data: `{type, direction, items,
 * itemProperties[, …]}`, each item's properties as its LayoutItem gives them.
 */
export abstract class DirectedLayout extends LayoutView<LayoutItem> {
  readonly direction: Direction;
  readonly items: readonly LayoutItem[];

  /** `options`: the constructor's options, already checked to be an object. */
  protected constructor(type: 'Box' | 'Splitter', options: Record<string, unknown>) {
    super(type);
    this.direction = checkOneOf(options.direction, directions, `${type} direction`);
    this.items = toLayoutItems(options.items, `${type} items`);
  }

  protected itemProperties(item: LayoutItem): LayoutFields {
    return item.properties;
  }

  protected override layoutFields(): LayoutFields {
    return { direction: this.direction };
  }
}
