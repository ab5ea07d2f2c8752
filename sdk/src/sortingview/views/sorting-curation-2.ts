import { checkList, checkOptions, checkString, optional } from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * The curation control: labels and merges of the selected units, saved behind the URI in the
 * figure's state (`sortingCuration`), not in the figure data (Python's
 * `vv.SortingCuration2(label_choices=…)`). Data: `{type: 'SortingCuration2'[, labelChoices]}`;
 * without choices the plugin offers accept, reject, noise, artifact and mua.
 *
 * @example
 * new vv.SortingCuration2({ labelChoices: ['accept', 'reject', 'mua'] });
 */
export class SortingCuration2 extends View {
  readonly labelChoices: readonly string[] | undefined;

  constructor(options: { labelChoices?: readonly string[] | undefined } = {}) {
    super('SortingCuration2');
    const o = checkOptions(options, 'SortingCuration2', "{ labelChoices: ['accept', 'reject'] }");
    this.labelChoices = optional(o.labelChoices, 'SortingCuration2 labelChoices', (value, what) =>
      checkList(value, what).map((label, i) => checkString(label, `${what}[${i}]`)),
    );
  }

  toDict(): ViewDict {
    return { type: this.type, ...(this.labelChoices === undefined ? {} : { labelChoices: this.labelChoices }) };
  }
}
