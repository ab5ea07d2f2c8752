const fallback = '/';
const probeOrigin = 'http://shell.invalid';

/**
 * Where to send the browser after sign-in: a path on this shell (`/f?v=…&d=…`), or `/` for
 * anything else, so a crafted sign-in link cannot send people elsewhere (no open redirect).
 * Refused: absolute and scheme-relative URLs (`//evil.example`), backslashes (browsers read
 * `/\evil.example` as another host) and control characters.
 *
 * @example
 * toSafeReturnTo('/f?v=vegalite&d=sha1://…'); // '/f?v=vegalite&d=sha1://…'
 * toSafeReturnTo('https://evil.example/'); // '/'
 */
export function toSafeReturnTo(text: string | null | undefined): string {
  if (typeof text !== 'string' || !text.startsWith('/') || text.startsWith('//') || text.length > 8192) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\\\u0000-\u001f\u007f]/.test(text)) return fallback;
  let url: URL;
  try {
    url = new URL(text, probeOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== probeOrigin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
