import { randomBytes, timingSafeEqual } from 'node:crypto';
import { FigurlError } from '@figurl/sdk';
import { readCookie, toSetCookie } from './cookies';
import { seal, unseal } from './seal';
import type { SessionConfig } from './session-cookie';

export const oauthStateCookieName = 'figurl_oauth_state';
/** GitHub's codes live ten minutes; a sign-in that takes longer starts again. */
const lifetimeSeconds = 10 * 60;
// Only the callback needs it.
const cookiePath = '/github/auth';

/**
 * A fresh OAuth `state` for the authorize URL, and the cookie that binds it to this browser
 * (with where to go afterwards): the callback accepts a code only from the browser that started
 * the sign-in, so no one can sign a victim in to the attacker's account (login CSRF).
 */
export async function createOAuthState(
  config: SessionConfig,
  returnTo: string,
  now?: () => number,
): Promise<{ state: string; setCookie: string }> {
  const state = randomBytes(32).toString('base64url');
  const value = await seal({ state, returnTo }, lifetimeSeconds, {
    secret: config.sessionSecret,
    purpose: 'oauth-state',
    now,
  });
  return { state, setCookie: toSetCookie(oauthStateCookieName, value, stateCookieOptions(config, lifetimeSeconds)) };
}

/**
 * Checks the callback's `state` against this browser's state cookie and answers where to go
 * afterwards. A missing, expired or different state is UNAUTHORIZED.
 */
export async function checkOAuthState(
  headers: Headers,
  state: string | null,
  config: SessionConfig,
  now?: () => number,
): Promise<{ returnTo: string }> {
  const value = readCookie(headers, oauthStateCookieName);
  const payload =
    value === undefined
      ? undefined
      : await unseal(value, { secret: config.sessionSecret, purpose: 'oauth-state', now });
  const expected = typeof payload?.state === 'string' ? Buffer.from(payload.state) : undefined;
  const got = Buffer.from(state ?? '');
  if (expected === undefined || expected.length !== got.length || !timingSafeEqual(expected, got)) {
    throw new FigurlError(
      'UNAUTHORIZED',
      value === undefined || payload === undefined
        ? 'this sign-in was not started in this browser, or took longer than 10 minutes'
        : 'the sign-in answer does not belong to the sign-in this browser started',
    );
  }
  return { returnTo: typeof payload?.returnTo === 'string' ? payload.returnTo : '/' };
}

/** The `Set-Cookie` value that removes the state cookie once used. */
export function toClearedOAuthStateCookie(config: SessionConfig): string {
  return toSetCookie(oauthStateCookieName, '', stateCookieOptions(config, 0));
}

function stateCookieOptions(config: SessionConfig, maxAgeSeconds: number) {
  return { httpOnly: true, secure: config.shellUrl.startsWith('https:'), path: cookiePath, maxAgeSeconds };
}
