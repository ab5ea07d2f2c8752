import { FigurlError } from '../errors/index.js';
import { isPluginName } from '../uri/assert-view-uri.js';
import { parseUri } from '../uri/parse-uri.js';

/**
 * figURLs in papers name figurl.org's plugins; these open in our compatible plugins instead,
 * so the links work where the original hosts are gone. `*` matches any run of characters.
 * A deployment overrides entries (FIGURL_PLUGIN_ALIASES) or switches one off with `null`.
 */
export const defaultPluginAliases: Readonly<Record<string, string>> = {
  'gs://figurl/vegalite-1': 'vegalite',
  'gs://figurl/vegalite-2': 'vegalite',
  'gs://figurl/markdown-1': 'markdown',
  'gs://figurl/plotly-1': 'plotly',
  'gs://figurl/spikesortingview-*': 'sortingview',
  'npm://@fi-sci/figurl-sortingview@*': 'sortingview',
};

export interface ResolveViewOptions {
  /** Where our plugins are served: `<pluginHostUrl>/<name>/index.html`. */
  pluginHostUrl: string;
  /** Plugins this deployment has; an alias to one it lacks is not applied. */
  plugins: ReadonlySet<string>;
  aliases: Readonly<Record<string, string | null>>;
  /** Base of `npm://` views (unpkg.com's layout). */
  npmCdnUrl: string;
}

export interface ResolvedView {
  /** The plugin's page, without query. */
  url: string;
  /** Set when one of our plugins serves it (by name or through an alias). */
  plugin?: string | undefined;
}

/**
 * Where the page of a view (`v`) is (figurl3 `urlFromUri.ts`): our plugins by short name or
 * alias, `gs://` through storage.googleapis.com, `npm://` through the CDN, `http(s)://` as is;
 * `/index.html` is appended unless the location already names an .html/.htm page.
 *
 * @example
 * resolveView('gs://figurl/vegalite-2', options); // { url: '<pluginHost>/vegalite/index.html', plugin: 'vegalite' }
 */
export function resolveView(view: string, options: ResolveViewOptions): ResolvedView {
  const alias = findAlias(view, options.aliases);
  if (alias !== undefined && options.plugins.has(alias)) return ourPlugin(alias, options);
  if (isPluginName(view)) {
    if (!options.plugins.has(view)) {
      throw new FigurlError(
        'NOT_FOUND',
        `unknown plugin ${JSON.stringify(view)}: this shell has ${[...options.plugins].sort().join(', ') || 'no plugins'}`,
      );
    }
    return ourPlugin(view, options);
  }
  const uri = parseUri(view);
  switch (uri.kind) {
    case 'gs':
      return { url: page(`https://storage.googleapis.com/${uri.bucket}/${uri.path ?? ''}`) };
    case 'npm':
      return { url: page(`${trimSlash(options.npmCdnUrl)}/${uri.package}@${uri.version}/${uri.path ?? ''}`) };
    case 'http':
      return { url: page(view) };
    default:
      throw new FigurlError(
        'INVALID_URI',
        `invalid view ${JSON.stringify(view)}: expected a plugin name, gs://, npm:// or http(s):// location`,
      );
  }
}

function ourPlugin(name: string, options: ResolveViewOptions): ResolvedView {
  return { url: `${trimSlash(options.pluginHostUrl)}/${name}/index.html`, plugin: name };
}

function findAlias(view: string, aliases: Readonly<Record<string, string | null>>): string | undefined {
  const exact = aliases[view];
  if (exact !== undefined) return exact ?? undefined;
  for (const [pattern, target] of Object.entries(aliases)) {
    if (target === null || !pattern.includes('*')) continue;
    const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (new RegExp(`^${escaped.join('.*')}$`).test(view)) return target;
  }
  return undefined;
}

function page(location: string): string {
  const [path, query] = splitQuery(location);
  if (/\.html?$/i.test(path)) return location;
  return `${trimSlash(path)}/index.html${query}`;
}

function splitQuery(location: string): [string, string] {
  const at = location.search(/[?#]/);
  return at < 0 ? [location, ''] : [location.slice(0, at), location.slice(at)];
}

function trimSlash(text: string): string {
  return text.replace(/\/+$/, '');
}

/**
 * The iframe's `src`: the plugin page with `parentOrigin` and `figureId` (plugins built with
 * `@figurl/interface` refuse to render without them) and `s` URL-encoded, which every plugin
 * library version decodes correctly (figurl-shell-protocol §2.6).
 */
export function pluginFrameUrl(options: {
  pageUrl: string;
  parentOrigin: string;
  figureId: string;
  state?: string | undefined;
}): string {
  const [path, query] = splitQuery(options.pageUrl);
  const params = [
    `parentOrigin=${encodeURIComponent(options.parentOrigin)}`,
    `figureId=${encodeURIComponent(options.figureId)}`,
  ];
  if (options.state !== undefined) params.push(`s=${encodeURIComponent(options.state)}`);
  const existing = query.startsWith('?') ? `${query.slice(1)}&` : '';
  return `${path}?${existing}${params.join('&')}`;
}
