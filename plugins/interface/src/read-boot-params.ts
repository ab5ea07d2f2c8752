import { parseUrlState } from './parse-url-state.js';

/** What the iframe's query string says about how this page was opened. */
export interface BootParams {
  figureId: string | undefined;
  parentOrigin: string | undefined;
  /** `s`, parsed; undefined when absent or not a JSON object. */
  urlState: Record<string, unknown> | undefined;
  /** `?test=1`: render without a shell (figurl-vegalite's built-in example). */
  test: boolean;
  /** `?useOpener=1`: talk to `window.opener` instead of `window.parent`. */
  useOpener: boolean;
}

/**
 * Reads the query string a figurl shell puts on a plugin's iframe
 * (`?parentOrigin=…&figureId=…[&s=<encodeURIComponent(json)>]`, protocol §2.3).
 *
 * @example
 * readBootParams('?parentOrigin=https%3A%2F%2Ffigurl.org&figureId=abc');
 * // { figureId: 'abc', parentOrigin: 'https://figurl.org', urlState: undefined, test: false, useOpener: false }
 */
export function readBootParams(search: string): BootParams {
  const query = new URLSearchParams(search);
  const s = query.get('s');
  return {
    figureId: query.get('figureId') || undefined,
    parentOrigin: query.get('parentOrigin') || undefined,
    urlState: s ? parseUrlState(s) : undefined,
    test: query.get('test') === '1',
    useOpener: query.get('useOpener') === '1',
  };
}
