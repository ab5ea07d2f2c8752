import { type CanonicalJsonValue, FigurlError, isFigurlError, parseJsonPreservingNumbers, quote } from '@figurl/sdk';

/** What a figure file becomes. */
export type FigureKind = 'vega-lite' | 'sortingview' | 'markdown' | 'file';

export type FigureSource =
  | { kind: 'vega-lite'; spec: object }
  | { kind: 'sortingview'; layout: CanonicalJsonValue }
  | { kind: 'markdown'; source: string }
  | { kind: 'file' };

/** Top-level keys only a Vega-Lite spec has (a view or a composition). */
const vegaLiteKeys = ['mark', 'layer', 'concat', 'hconcat', 'vconcat', 'facet', 'repeat', 'spec'];

/**
 * Decides what a file matched by `figures` is, from its name and content:
 * - `.md` / `.markdown`: a Markdown figure (UTF-8 text);
 * - `.json` holding an object with `"$schema"` naming vega-lite, or a `mark`/`layer`/`concat`…:
 *   a Vega-Lite figure;
 * - `.json` holding an object with a string `"type"` (Box, Splitter, TabLayout, Mountain,
 *   MountainLayout or a view such as RasterPlot): a sortingview layout, checked when the figure is
 *   made by the sdk's parser (`figurl figure sortingview`'s);
 * - anything else (images, CSV, JSON of another shape): a file, stored and linked as it is.
 *
 * A `.md` that is not UTF-8 or a `.json` that is not JSON throws, naming the file.
 *
 * @example
 * classifyFigureFile('figures/loss.json', bytes); // { kind: 'vega-lite', spec: {…} }
 */
export function classifyFigureFile(file: string, bytes: Uint8Array): FigureSource {
  const lower = file.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return { kind: 'markdown', source: utf8(file, bytes) };
  if (!lower.endsWith('.json')) return { kind: 'file' };
  const json = parseJson(file, utf8(file, bytes));
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { kind: 'file' };
  const object = json as Record<string, unknown>;
  const schema = object.$schema;
  if ((typeof schema === 'string' && /vega-lite/i.test(schema)) || vegaLiteKeys.some((key) => key in object)) {
    return { kind: 'vega-lite', spec: object };
  }
  if (typeof object.type === 'string') return { kind: 'sortingview', layout: json };
  return { kind: 'file' };
}

function utf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FigurlError('INVALID_REQUEST', `cannot read ${quote(file)}: expected UTF-8 text`);
  }
}

function parseJson(file: string, text: string): CanonicalJsonValue {
  try {
    return parseJsonPreservingNumbers(text);
  } catch (err) {
    if (!isFigurlError(err)) throw err;
    const detail = err.message.replace(/^invalid JSON:? ?/, '').replace(/; expected .*$/, '');
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid JSON in ${quote(file)}: ${detail}; expected a Vega-Lite spec or a sortingview layout (rename the file if it is not a figure)`,
    );
  }
}
