import { FigurlError } from '../errors/index.js';
import { describeJsonKind } from './describe-json-kind.js';
import { Figure } from './figure.js';

/** figurl.org's Markdown plugin; our shell opens it in its own `markdown` plugin. */
export const markdownView = 'gs://figurl/markdown-1';

/**
 * A Markdown document. Its data is `{ source }`, as the markdown-1 plugin reads it.
 *
 * @example
 * const url = await new Markdown('# Sweep 7\n\nBest run: **r17**').url({ label: 'sweep notes', context });
 */
export class Markdown extends Figure {
  constructor(source: string) {
    super({ view: markdownView, data: { source: checkSource(source) } });
  }
}

function checkSource(source: unknown): string {
  if (typeof source === 'string') return source;
  throw new FigurlError(
    'INVALID_REQUEST',
    `invalid Markdown source: got ${describeJsonKind(source)}; expected a string`,
  );
}
