import { type CanonicalJsonValue, canonicalJson } from '../canonical-json/index.js';
import { FigurlError, quote } from '../errors/index.js';
import { assertViewUri } from './assert-view-uri.js';
import { parseUri } from './parse-uri.js';
import { quoteLabel } from './quote-label.js';

export interface FigureUrlOptions {
  /** The plugin (`v`): a location such as `gs://figurl/vegalite-2`, or a plugin name such as `vegalite`. */
  view: string;
  /** The data URI (`d`), e.g. `sha1://<hash>`. */
  data: string;
  /** The page title; omitted from the URL when empty, as Python does. */
  label?: string | undefined;
  /** The kachery zone (`zone`); Python adds it whenever KACHERY_ZONE is set. */
  zone?: string | undefined;
  /** URL state (`s`), written as Python's sorted, compact JSON. */
  state?: { readonly [key: string]: CanonicalJsonValue | undefined } | undefined;
  /** `hide=1`: hide the shell's app bar. */
  hide?: boolean | undefined;
  /** The shell, e.g. `https://figurl.org` (Python's FIGURL_BASE_URL). */
  baseUrl: string;
}

/**
 * A figURL exactly as the Python producer writes it (`figurl/core/Figure.py`,
 * `url_from_url_dict`): `<base>/f?v=<view>&d=<data>[&hide=1][&s=<state>][&label=<quoted>][&zone=<quoted>]`.
 * `v`, `d` and `s` go in as they are (Python does not encode them; the shell reads them that way),
 * `label` and `zone` are quoted like `urllib.parse.quote` (safe `/`). Unlike Python, trailing
 * slashes of `baseUrl` are dropped, so `https://figurl.org/` does not give `//f`.
 *
 * @example
 * figureUrl({ baseUrl: 'https://figurl.org', view: 'gs://figurl/vegalite-2',
 *   data: 'sha1://0369af9f1a54a5a410f99e63cb08b6b899d1c92f', label: 'stocks chart' });
 * // 'https://figurl.org/f?v=gs://figurl/vegalite-2&d=sha1://0369af9f1a54a5a410f99e63cb08b6b899d1c92f&label=stocks%20chart'
 */
export function figureUrl(options: FigureUrlOptions): string {
  const base = checkBaseUrl(options.baseUrl);
  // Validated so a figURL never carries a URI the shell cannot resolve.
  assertViewUri(options.view);
  parseUri(options.data);
  let url = `${base}/f?v=${options.view}&d=${options.data}`;
  if (options.hide) url += '&hide=1';
  if (options.state !== undefined) url += `&s=${canonicalJson(options.state)}`;
  if (options.label) url += `&label=${quoteLabel(options.label)}`;
  if (options.zone) url += `&zone=${quoteLabel(options.zone)}`;
  return url;
}

function checkBaseUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid shell URL ${quote(text)}: expected an http:// or https:// URL without query or fragment`,
    );
  }
  return text.replace(/\/+$/, '');
}
