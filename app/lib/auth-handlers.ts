import { FigurlError } from '@figurl/sdk';
import { z } from 'zod';
import { toSetCookie } from './cookies';
import { toErrorResponse } from './error-response';
import { exchangeOAuthCode } from './exchange-oauth-code';
import { getGitHubUser } from './github-user';
import { checkOAuthState, createOAuthState, toClearedOAuthStateCookie } from './oauth-state';
import { readJsonRequest } from './read-json-request';
import { readSession, toClearedSessionCookie, toSessionCookie } from './session-cookie';
import type { ShellDeps } from './shell-deps';
import { toSafeReturnTo } from './to-safe-return-to';

/** Why a GitHub sign-in ended on the sign-in page instead of where it started (`/sign-in?error=`). */
export type SignInErrorKind = 'denied' | 'state' | 'code' | 'github' | 'unavailable' | 'not-configured';

/**
 * A one-minute cookie the page's script may read: "sign-in changed", so the page GitHub sends
 * the browser back to tells the shell's other tabs (components/sign-in-status.tsx).
 */
export const authChangedCookieName = 'figurl_auth_changed';

const tokenRequestSchema = z.strictObject({
  token: z
    .string()
    .trim()
    .min(1, 'expected a GitHub token')
    .max(1000, 'expected at most 1000 characters')
    .regex(/^[\x21-\x7e]+$/, 'expected a GitHub token such as ghp_… or github_pat_… (no spaces)'),
});

/**
 * `GET /api/auth/github/login?returnTo=/f?…[&write=1]`: starts GitHub's OAuth web flow. Sets the
 * state cookie and redirects to `<GITHUB_URL>/login/oauth/authorize`, asking for scope `repo`
 * when `write=1` (and for no scope, public read-only, otherwise).
 */
export async function handleGitHubLogin(request: Request, deps: ShellDeps): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const returnTo = toSafeReturnTo(query.get('returnTo'));
  const { clientId, clientSecret, url } = deps.config.github;
  if (clientId === undefined || clientSecret === undefined) return toSignInError('not-configured', returnTo, []);
  const { state, setCookie } = await createOAuthState(deps.config, returnTo, deps.now);
  const authorize = new URL(`${url}/login/oauth/authorize`);
  authorize.searchParams.set('client_id', clientId);
  authorize.searchParams.set('redirect_uri', toRedirectUri(deps));
  if (query.get('write') === '1') authorize.searchParams.set('scope', 'repo');
  authorize.searchParams.set('state', state);
  return toRedirect(authorize.toString(), [setCookie]);
}

/**
 * `GET /github/auth?code=&state=` (figurl3's callback route): checks the state against this
 * browser's cookie, exchanges the code, reads the login, signs in and redirects to `returnTo`.
 * Anything wrong ends on `/sign-in?error=<kind>`, which explains it.
 */
export async function handleGitHubCallback(request: Request, deps: ShellDeps): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const cleared = toClearedOAuthStateCookie(deps.config);
  let returnTo: string;
  try {
    ({ returnTo } = await checkOAuthState(request.headers, query.get('state'), deps.config, deps.now));
  } catch {
    return toSignInError('state', '/', [cleared]);
  }
  returnTo = toSafeReturnTo(returnTo);
  const error = query.get('error');
  if (error !== null) return toSignInError(error === 'access_denied' ? 'denied' : 'github', returnTo, [cleared]);
  const code = query.get('code');
  if (code === null || code === '') return toSignInError('code', returnTo, [cleared]);
  let session: { login: string; token: string };
  try {
    const token = await exchangeOAuthCode(deps, { code, redirectUri: toRedirectUri(deps) });
    session = { login: (await getGitHubUser(deps, token)).login, token };
  } catch (err) {
    if (!(err instanceof FigurlError)) throw err;
    return toSignInError(err.code === 'UNAUTHORIZED' ? 'code' : 'unavailable', returnTo, [cleared]);
  }
  const secure = deps.config.shellUrl.startsWith('https:');
  return toRedirect(returnTo, [
    cleared,
    await toSessionCookie(session, deps.config, deps.now),
    toSetCookie(authChangedCookieName, '1', { httpOnly: false, secure, path: '/', maxAgeSeconds: 60 }),
  ]);
}

/**
 * `POST /api/auth/token {token}` (JSON, from the shell's pages): signs in with a pasted personal
 * access token once GitHub says whose it is. Answers `{login}`.
 */
export async function handleTokenSignIn(request: Request, deps: ShellDeps): Promise<Response> {
  try {
    const { token } = await readJsonRequest(request, deps.config, tokenRequestSchema, {
      what: 'token sign-in',
      maxBytes: 8 * 1024,
    });
    const { login } = await getGitHubUser(deps, token);
    const headers = new Headers({ 'cache-control': 'no-store' });
    headers.append('set-cookie', await toSessionCookie({ login, token }, deps.config, deps.now));
    return Response.json({ login }, { headers });
  } catch (err) {
    return toErrorResponse(err);
  }
}

/** `POST /api/auth/logout {}` (JSON, from the shell's pages): signs out. Answers `{login: null}`. */
export async function handleSignOut(request: Request, deps: ShellDeps): Promise<Response> {
  try {
    await readJsonRequest(request, deps.config, z.strictObject({}), { what: 'sign-out', maxBytes: 1024 });
    const headers = new Headers({ 'cache-control': 'no-store' });
    headers.append('set-cookie', toClearedSessionCookie(deps.config));
    return Response.json({ login: null }, { headers });
  } catch (err) {
    return toErrorResponse(err);
  }
}

/** `GET /api/auth/me`: `{login}` when signed in, else `{login: null}`. Never the token. */
export async function handleMe(request: Request, deps: ShellDeps): Promise<Response> {
  const session = await readSession(request.headers, deps.config, deps.now);
  return Response.json({ login: session?.login ?? null }, { headers: { 'cache-control': 'no-store' } });
}

function toRedirectUri(deps: ShellDeps): string {
  return `${deps.config.shellUrl}/github/auth`;
}

function toSignInError(kind: SignInErrorKind, returnTo: string, cookies: string[]): Response {
  return toRedirect(`/sign-in?${new URLSearchParams({ error: kind, returnTo })}`, cookies);
}

// A relative Location keeps the browser on whichever address of the shell it is using.
function toRedirect(location: string, cookies: string[]): Response {
  const headers = new Headers({ location, 'cache-control': 'no-store' });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(null, { status: 302, headers });
}
