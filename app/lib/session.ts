import 'server-only';
import { cookies, headers } from 'next/headers';
import { readSession, type Session, sealSession, sessionCookieName, sessionCookieOptions } from './session-cookie';
import { getShellConfig } from './shell-config';

/**
 * Who is signed in, for server components and route handlers: `{ login, token }` from the
 * sealed session cookie, or undefined. The token never leaves the server; pages hand
 * components the login only.
 */
export async function getSession(): Promise<Session | undefined> {
  // The raw header: Next's cookie store keeps one value per name, and a planted duplicate may be it.
  return readSession(await headers(), getShellConfig());
}

/** Signs `session` in (server actions and route handlers only: pages cannot set cookies). */
export async function setSession(session: Session): Promise<void> {
  const config = getShellConfig();
  const options = sessionCookieOptions(config);
  const store = await cookies();
  store.set(sessionCookieName, await sealSession(session, config), {
    httpOnly: options.httpOnly,
    secure: options.secure,
    sameSite: 'lax',
    path: options.path,
    maxAge: options.maxAgeSeconds,
  });
}

/** Signs out (server actions and route handlers only). */
export async function clearSession(): Promise<void> {
  const store = await cookies();
  store.delete({ name: sessionCookieName, path: '/' });
}
