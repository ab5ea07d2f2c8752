import { checkString } from '../check-values.js';
import { View, type ViewDict } from '../view.js';

/**
 * Markdown text among the views (Python's `vv.Markdown(source)`). Data: `{type: 'Markdown', source}`.
 *
 * @example
 * new vv.Markdown('# Session 12\n\nSorted with MountainSort 5.');
 */
export class Markdown extends View {
  readonly source: string;

  constructor(source: string) {
    super('Markdown');
    this.source = checkString(source, 'Markdown source');
  }

  toDict(): ViewDict {
    return { type: this.type, source: this.source };
  }
}
