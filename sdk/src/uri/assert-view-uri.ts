import { invalidUri } from './invalid-uri.js';
import { parseUri } from './parse-uri.js';

/** Short names of the shell's own plugins (`vegalite`, `markdown`, `sortingview`). */
const pluginName = /^[a-z0-9][a-z0-9-]{0,63}$/;
const viewKinds: ReadonlySet<string> = new Set(['gs', 'npm', 'http']);
const expected = 'a plugin URI (a plugin name such as "vegalite", or a gs://, npm:// or http(s):// location)';

/**
 * Whether `text` names one of the shell's own plugins by its short name:
 * `[a-z0-9][a-z0-9-]{0,63}`, e.g. `vegalite`, `plotly`, `sortingview`.
 *
 * @example
 * isPluginName('vegalite'); // true
 * isPluginName('gs://figurl/vegalite-2'); // false
 */
export function isPluginName(text: string): boolean {
  return pluginName.test(text);
}

/**
 * Checks a figure's view (the figURL's `v`) and returns it: a plugin name, or a `gs://`,
 * `npm://` or `http(s)://` location, the forms the shell resolves (figurl3 `urlFromUri.ts` plus
 * our short names). Anything else is INVALID_URI quoting the input.
 *
 * @example
 * assertViewUri('gs://figurl/vegalite-2'); // 'gs://figurl/vegalite-2'
 * assertViewUri('markdown');               // 'markdown'
 * assertViewUri('sha1://0369af9f1a54a5a410f99e63cb08b6b899d1c92f'); // throws: … a sha1 URI; expected a plugin URI …
 */
export function assertViewUri(input: unknown): string {
  if (typeof input === 'string' && isPluginName(input)) return input;
  let kind: string;
  try {
    kind = parseUri(input).kind;
  } catch (err) {
    // A bare word that is not a plugin name ("Vega Lite", "vega_lite") has no scheme: say what
    // a view may be rather than listing every data URI form.
    if (typeof input === 'string' && !input.includes(':')) throw invalidUri(input, expected);
    throw err;
  }
  if (!viewKinds.has(kind)) throw invalidUri(input, expected, `a ${kind} URI`);
  return input as string;
}
