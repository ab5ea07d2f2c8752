import {
  checkBoolean,
  checkInstances,
  checkNumber,
  checkOptions,
  checkString,
  invalid,
  optional,
} from '../check-values.js';
import type { View } from '../view.js';
import { checkView } from './layout-item.js';
import { type LayoutFields, LayoutView } from './layout-view.js';

export interface MountainLayoutItemOptions {
  label: string;
  /** A view, not a layout: the Mountain opens views in tabs. */
  view: View;
  /** A control in the left panel (SortingCuration2, SortingSelection) rather than a launchable view. */
  isControl?: boolean | undefined;
  /** The control panel's height in pixels. */
  controlHeight?: number | undefined;
}

/**
 * A view of a MountainLayout (Python's `vv.MountainLayoutItem(label=…, view=…,
 * is_control=…, control_height=…)`).
 *
 * @example
 * new vv.MountainLayoutItem({ label: 'Curation', view: new vv.SortingCuration2(), isControl: true });
 */
export class MountainLayoutItem {
  readonly label: string;
  readonly view: View;
  readonly isControl: boolean;
  readonly controlHeight: number | undefined;

  constructor(options: MountainLayoutItemOptions) {
    const o = checkOptions(options, 'MountainLayoutItem', "{ label: 'Raster', view }");
    this.label = checkString(o.label, 'MountainLayoutItem label');
    this.view = checkView(o.view, 'MountainLayoutItem view');
    if (this.view.isLayout) {
      throw invalid('MountainLayoutItem view', `a ${this.view.type}`, 'a view, not a layout (a Mountain opens views)');
    }
    this.isControl = optional(o.isControl, 'MountainLayoutItem isControl', checkBoolean) ?? false;
    this.controlHeight = optional(o.controlHeight, 'MountainLayoutItem controlHeight', checkNumber);
  }
}

/**
 * The MountainView workspace: a launcher of views opened as tabs, with control panels
 * (Python's `vv.MountainLayout(items=[vv.MountainLayoutItem(…)])`). Data:
 * `{type: 'Mountain', items, itemProperties: [{label, isControl[, controlHeight]}]}`.
 *
 * @example
 * new vv.MountainLayout({ items: [new vv.MountainLayoutItem({ label: 'Units', view: unitsTable })] });
 */
export class MountainLayout extends LayoutView<MountainLayoutItem> {
  readonly items: readonly MountainLayoutItem[];

  constructor(options: { items: readonly MountainLayoutItem[] }) {
    super('Mountain');
    const o = checkOptions(
      options,
      'MountainLayout',
      "{ items: [new vv.MountainLayoutItem({ label: 'Units', view })] }",
    );
    this.items = [...checkInstances(o.items, MountainLayoutItem, 'MountainLayout items')];
  }

  protected itemProperties(item: MountainLayoutItem): LayoutFields {
    return {
      label: item.label,
      isControl: item.isControl,
      ...(item.controlHeight === undefined ? {} : { controlHeight: item.controlHeight }),
    };
  }
}
