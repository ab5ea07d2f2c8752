/** How a cookie is set; `maxAgeSeconds: 0` deletes it. */
export interface CookieOptions {
  /** Readable by the page's scripts when false; the session and OAuth state cookies never are. */
  httpOnly: boolean;
  /** Sent only over https; set when the shell's public URL is https. */
  secure: boolean;
  path: string;
  maxAgeSeconds: number;
}

/**
 * Every value of cookie `name` in a request's `Cookie` header, in the order the browser sent
 * them. There can be several: cookies belong to a host, not an origin, so a page on another port
 * of the same host may set one of the same name for a longer path, which the browser then sends
 * first. Our values are base64url and dots (JWE compact form), so no decoding is needed.
 *
 * @example
 * readCookies(new Headers({ cookie: 'a=1; figurl_session=xyz' }), 'figurl_session'); // ['xyz']
 */
export function readCookies(headers: Pick<Headers, 'get'>, name: string): string[] {
  const values: string[] = [];
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) values.push(part.slice(at + 1).trim());
  }
  return values;
}

/** The first value of cookie `name` (see `readCookies`), or undefined. */
export function readCookie(headers: Pick<Headers, 'get'>, name: string): string | undefined {
  return readCookies(headers, name)[0];
}

/**
 * A `Set-Cookie` header value. SameSite=Lax: the cookie comes along when GitHub sends the browser
 * back to us (a top-level GET) but not with requests other sites' pages make.
 *
 * @example
 * headers.append('set-cookie', toSetCookie('figurl_session', sealed, { httpOnly: true, secure: true, path: '/', maxAgeSeconds: 3600 }));
 */
export function toSetCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAgeSeconds}`, 'SameSite=Lax'];
  if (options.maxAgeSeconds === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (options.httpOnly) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
