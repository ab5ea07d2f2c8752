/**
 * The iframe address for a figURL (`http(s)://<shell>/f?v=…[&d=…]`), with `hide=1` so the
 * embedded figure shows without the shell's bar; undefined for anything else, which stays an
 * ordinary image or code block.
 *
 * @example
 * toFigureEmbedUrl('https://figurl.org/f?v=gs://figurl/vegalite-2&d=sha1://abc');
 * // 'https://figurl.org/f?v=gs%3A%2F%2Ffigurl%2Fvegalite-2&d=sha1%3A%2F%2Fabc&hide=1'
 */
export function toFigureEmbedUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (!/\/f\/?$/.test(url.pathname) || !url.searchParams.has('v')) return undefined;
  url.searchParams.set('hide', '1');
  return url.toString();
}
