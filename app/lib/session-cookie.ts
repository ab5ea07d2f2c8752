import { type CookieOptions, readCookies, toSetCookie } from './cookies';
import { seal, unseal } from './seal';
import type { ShellConfig } from './shell-config';

/** Who is signed in, and the GitHub token the server acts with. Never sent to a browser. */
export interface Session {
  login: string;
  token: string;
}

export type SessionConfig = Pick<ShellConfig, 'sessionSecret' | 'shellUrl'>;

export const sessionCookieName = 'figurl_session';
/** Sign-in lasts two weeks; GitHub may revoke the token sooner, which then reads as signed out. */
export const sessionMaxAgeSeconds = 14 * 24 * 3600;

/** httpOnly (no script, plugin or extension content script can read it), Secure on https. */
export function sessionCookieOptions(config: SessionConfig, maxAgeSeconds = sessionMaxAgeSeconds): CookieOptions {
  return { httpOnly: true, secure: config.shellUrl.startsWith('https:'), path: '/', maxAgeSeconds };
}

/** The session cookie's value: the login and token encrypted and authenticated with the session secret. */
export function sealSession(session: Session, config: SessionConfig, now?: () => number): Promise<string> {
  return seal({ login: session.login, token: session.token }, sessionMaxAgeSeconds, {
    secret: config.sessionSecret,
    purpose: 'session',
    now,
  });
}

/** The `Set-Cookie` value that signs `session` in. */
export async function toSessionCookie(session: Session, config: SessionConfig, now?: () => number): Promise<string> {
  return toSetCookie(sessionCookieName, await sealSession(session, config, now), sessionCookieOptions(config));
}

/** The `Set-Cookie` value that signs out. */
export function toClearedSessionCookie(config: SessionConfig): string {
  return toSetCookie(sessionCookieName, '', sessionCookieOptions(config, 0));
}

/** The session a sealed cookie value holds; undefined when absent, tampered with or expired. */
export async function unsealSession(
  value: string | undefined,
  config: SessionConfig,
  now?: () => number,
): Promise<Session | undefined> {
  if (value === undefined || value === '') return undefined;
  const payload = await unseal(value, { secret: config.sessionSecret, purpose: 'session', now });
  if (typeof payload?.login !== 'string' || typeof payload.token !== 'string') return undefined;
  return { login: payload.login, token: payload.token };
}

/**
 * The session of a request, from its `Cookie` header. A cookie of the same name that another
 * page of this host planted (see `readCookies`) cannot shadow the real one: values that do not
 * unseal are skipped, and two that unseal to different sessions count as signed out, so a planted
 * session of someone else is never taken for the user's.
 */
export async function readSession(
  headers: Pick<Headers, 'get'>,
  config: SessionConfig,
  now?: () => number,
): Promise<Session | undefined> {
  const sessions: Session[] = [];
  for (const value of readCookies(headers, sessionCookieName)) {
    const session = await unsealSession(value, config, now);
    if (session !== undefined) sessions.push(session);
  }
  const [first] = sessions;
  if (first === undefined) return undefined;
  const agree = sessions.every((s) => s.login === first.login && s.token === first.token);
  return agree ? first : undefined;
}
