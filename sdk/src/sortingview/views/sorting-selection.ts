import { View, type ViewDict } from '../view.js';

/**
 * The selection control: select units by label, restrict the views to the selected units, save
 * the selection in the figure's state (Python's `vv.SortingSelection()`). Data: `{type: 'SortingSelection'}`.
 *
 * @example
 * new vv.MountainLayoutItem({ label: 'Selection', view: new vv.SortingSelection(), isControl: true });
 */
export class SortingSelection extends View {
  constructor() {
    super('SortingSelection');
  }

  toDict(): ViewDict {
    return { type: this.type };
  }
}
