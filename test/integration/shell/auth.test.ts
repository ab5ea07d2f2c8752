import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  handleGitHubCallback,
  handleGitHubLogin,
  handleMe,
  handleSignOut,
  handleTokenSignIn,
} from '../../../app/lib/auth-handlers';
import { oauthStateCookieName } from '../../../app/lib/oauth-state';
import { sessionCookieName, toSessionCookie } from '../../../app/lib/session-cookie';
import { toSafeReturnTo } from '../../../app/lib/to-safe-return-to';
import { type GitHubStandIn, startGitHubStandIn } from '../../support/github-stand-in.js';
import { clientId, cookieHeader, createShellDeps, setCookies, shellJsonRequest, shellUrl } from './shell-harness';

let gh: GitHubStandIn;

beforeAll(async () => {
  gh = await startGitHubStandIn();
  gh.addUser({ login: 'octocat' });
  gh.addUser({ login: 'mallory' });
  gh.addOAuthApp({ clientId, clientSecret: 'figurl-test-client-secret', callbackUrl: `${shellUrl}/github/auth` });
});
afterAll(() => gh.close());

/** Runs the whole web flow as a browser would: shell → GitHub authorize → shell callback. */
async function signInWithGitHub(query: string, options: { deps?: ReturnType<typeof createShellDeps> } = {}) {
  const deps = options.deps ?? createShellDeps(gh);
  const start = await handleGitHubLogin(new Request(`${shellUrl}/api/auth/github/login?${query}`), deps);
  const authorizeUrl = new URL(start.headers.get('location') ?? '');
  const stateCookie = setCookies(start).get(oauthStateCookieName);
  const atGitHub = await fetch(authorizeUrl, { redirect: 'manual' });
  const callbackUrl = atGitHub.headers.get('location') ?? '';
  const callback = await handleGitHubCallback(
    new Request(callbackUrl, { headers: { cookie: cookieHeader({ [oauthStateCookieName]: stateCookie?.value }) } }),
    deps,
  );
  return { start, authorizeUrl, stateCookie, callbackUrl, callback, deps };
}

async function me(deps: ReturnType<typeof createShellDeps>, sessionValue: string | undefined) {
  const response = await handleMe(
    new Request(`${shellUrl}/api/auth/me`, {
      headers: { cookie: cookieHeader({ [sessionCookieName]: sessionValue }) },
    }),
    deps,
  );
  return { response, text: await response.text() };
}

describe('GitHub OAuth web flow', () => {
  it('signs in and lands back on the figure the user came from', async () => {
    gh.setBrowserUser('octocat');
    const returnTo = '/f?v=vegalite&d=sha1://0369af9f1a54a5a410f99e63cb08b6b899d1c92f&label=My%20chart';
    const flow = await signInWithGitHub(`returnTo=${encodeURIComponent(returnTo)}`);

    expect(flow.start.status).toBe(302);
    expect(`${flow.authorizeUrl.origin}${flow.authorizeUrl.pathname}`).toBe(`${gh.url}/login/oauth/authorize`);
    expect(flow.authorizeUrl.searchParams.get('client_id')).toBe(clientId);
    expect(flow.authorizeUrl.searchParams.get('redirect_uri')).toBe(`${shellUrl}/github/auth`);
    expect(flow.authorizeUrl.searchParams.has('scope')).toBe(false);
    expect(flow.stateCookie?.line).toMatch(/HttpOnly/);
    expect(flow.stateCookie?.value).not.toContain(flow.authorizeUrl.searchParams.get('state'));

    expect(flow.callback.status).toBe(302);
    expect(flow.callback.headers.get('location')).toBe(returnTo);
    const cookies = setCookies(flow.callback);
    const session = cookies.get(sessionCookieName);
    expect(session?.line).toMatch(/; HttpOnly/);
    expect(session?.line).toMatch(/; SameSite=Lax/);
    expect(session?.line).toMatch(/; Path=\//);
    expect(session?.line).not.toMatch(/Secure/);
    expect(cookies.get(oauthStateCookieName)?.line).toMatch(/Max-Age=0/);

    const { response, text } = await me(flow.deps, session?.value);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(text)).toEqual({ login: 'octocat' });
  });

  it('asks for the repo scope only when writing is allowed, and marks cookies Secure on https', async () => {
    gh.setBrowserUser('octocat');
    const deps = createShellDeps(gh, { shellUrl: 'https://shell.test' });
    const start = await handleGitHubLogin(new Request('https://shell.test/api/auth/github/login?write=1'), deps);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.searchParams.get('scope')).toBe('repo');
    expect(authorize.searchParams.get('redirect_uri')).toBe('https://shell.test/github/auth');
    expect(setCookies(start).get(oauthStateCookieName)?.line).toMatch(/; Secure/);
    const session = await toSessionCookie({ login: 'octocat', token: 't' }, deps.config);
    expect(session).toMatch(/; Secure/);
  });

  it('refuses a callback whose state this browser did not start (login CSRF)', async () => {
    gh.setBrowserUser('mallory');
    // Mallory starts a sign-in in her browser and sends her callback link to a victim.
    const deps = createShellDeps(gh);
    const start = await handleGitHubLogin(new Request(`${shellUrl}/api/auth/github/login`), deps);
    const atGitHub = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const callbackUrl = atGitHub.headers.get('location') ?? '';

    const victimWithoutCookie = await handleGitHubCallback(new Request(callbackUrl), deps);
    expect(victimWithoutCookie.headers.get('location')).toBe('/sign-in?error=state&returnTo=%2F');
    expect(setCookies(victimWithoutCookie).has(sessionCookieName)).toBe(false);

    // The victim's own, different sign-in in progress does not make Mallory's code acceptable.
    const victimStart = await handleGitHubLogin(new Request(`${shellUrl}/api/auth/github/login`), deps);
    const victimState = setCookies(victimStart).get(oauthStateCookieName)?.value;
    const victimWithOtherState = await handleGitHubCallback(
      new Request(callbackUrl, { headers: { cookie: cookieHeader({ [oauthStateCookieName]: victimState }) } }),
      deps,
    );
    expect(victimWithOtherState.headers.get('location')).toMatch(/^\/sign-in\?error=state/);
    expect(setCookies(victimWithOtherState).has(sessionCookieName)).toBe(false);
  });

  it('does not accept a state cookie that has expired (10 minutes)', async () => {
    gh.setBrowserUser('octocat');
    let now = Date.now();
    const deps = { ...createShellDeps(gh), now: () => now };
    const start = await handleGitHubLogin(new Request(`${shellUrl}/api/auth/github/login`), deps);
    const state = setCookies(start).get(oauthStateCookieName)?.value;
    const atGitHub = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    now += 11 * 60 * 1000;
    const callback = await handleGitHubCallback(
      new Request(atGitHub.headers.get('location') ?? '', {
        headers: { cookie: cookieHeader({ [oauthStateCookieName]: state }) },
      }),
      deps,
    );
    expect(callback.headers.get('location')).toMatch(/^\/sign-in\?error=state/);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/phish'],
    ['a scheme-relative URL', '//evil.example/phish'],
    ['a backslash path', '/\\evil.example/phish'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a path with a tab', '/\t/evil.example'],
  ])('never redirects off the shell after sign-in: %s', async (_, returnTo) => {
    gh.setBrowserUser('octocat');
    const flow = await signInWithGitHub(`returnTo=${encodeURIComponent(returnTo)}`);
    expect(flow.callback.headers.get('location')).toBe('/');
    expect(setCookies(flow.callback).has(sessionCookieName)).toBe(true);
  });

  it('keeps return paths on the shell as they are', () => {
    expect(toSafeReturnTo('/f?v=gs://figurl/vegalite-2&d=sha1://abc#x')).toBe(
      '/f?v=gs://figurl/vegalite-2&d=sha1://abc#x',
    );
    expect(toSafeReturnTo('/sign-in/../f?x=1')).toBe('/f?x=1');
    expect(toSafeReturnTo(null)).toBe('/');
  });

  it('explains a denied authorization and signs no one in', async () => {
    gh.setBrowserUser('octocat', { approve: false });
    const flow = await signInWithGitHub(`returnTo=${encodeURIComponent('/f?v=a&d=b')}`);
    gh.setBrowserUser('octocat');
    expect(flow.callback.headers.get('location')).toBe(
      `/sign-in?error=denied&returnTo=${encodeURIComponent('/f?v=a&d=b')}`,
    );
    expect(setCookies(flow.callback).has(sessionCookieName)).toBe(false);
  });

  it('refuses a code that was used already', async () => {
    gh.setBrowserUser('octocat');
    const flow = await signInWithGitHub('');
    expect(setCookies(flow.callback).has(sessionCookieName)).toBe(true);
    const replay = await handleGitHubCallback(
      new Request(flow.callbackUrl, {
        headers: { cookie: cookieHeader({ [oauthStateCookieName]: flow.stateCookie?.value }) },
      }),
      flow.deps,
    );
    expect(replay.headers.get('location')).toMatch(/^\/sign-in\?error=code/);
    expect(setCookies(replay).has(sessionCookieName)).toBe(false);
  });

  it('says GitHub is unavailable when the code exchange fails', async () => {
    gh.setBrowserUser('octocat');
    gh.injectFault({ method: 'POST', path: '/login/oauth/access_token', status: 502 });
    const flow = await signInWithGitHub('');
    expect(flow.callback.headers.get('location')).toMatch(/^\/sign-in\?error=unavailable/);
    expect(setCookies(flow.callback).has(sessionCookieName)).toBe(false);
  });

  it('sends the browser to the sign-in page when the shell has no GitHub app', async () => {
    const deps = createShellDeps(gh, {
      github: { clientId: undefined, clientSecret: undefined, url: gh.url, apiUrl: gh.url },
    });
    const start = await handleGitHubLogin(new Request(`${shellUrl}/api/auth/github/login?returnTo=/f`), deps);
    expect(start.headers.get('location')).toBe('/sign-in?error=not-configured&returnTo=%2Ff');
  });
});

describe('pasted token sign-in', () => {
  it('signs in with a token GitHub accepts and answers the login only', async () => {
    const deps = createShellDeps(gh);
    const token = gh.issueToken('octocat', ['repo']);
    const response = await handleTokenSignIn(
      shellJsonRequest('/api/auth/token', { method: 'POST', body: { token } }),
      deps,
    );
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ login: 'octocat' });
    expect(text).not.toContain(token);
    const session = setCookies(response).get(sessionCookieName);
    expect(session?.line).toMatch(/HttpOnly/);
    expect((await me(deps, session?.value)).text).toBe('{"login":"octocat"}');
  });

  it('refuses a token GitHub does not accept, and a revoked one', async () => {
    const deps = createShellDeps(gh);
    const bogus = await handleTokenSignIn(
      shellJsonRequest('/api/auth/token', { method: 'POST', body: { token: 'ghp_notatokenGitHubIssued' } }),
      deps,
    );
    expect(bogus.status).toBe(401);
    expect(await bogus.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED', error: 'Unauthorized' });
    expect(setCookies(bogus).size).toBe(0);

    const token = gh.issueToken('octocat');
    gh.revokeToken(token);
    const revoked = await handleTokenSignIn(
      shellJsonRequest('/api/auth/token', { method: 'POST', body: { token } }),
      deps,
    );
    expect(revoked.status).toBe(401);
    expect(setCookies(revoked).size).toBe(0);
  });

  it('refuses requests from other sites and bodies that are not JSON', async () => {
    const deps = createShellDeps(gh);
    const token = gh.issueToken('octocat');
    const crossSite = await handleTokenSignIn(
      shellJsonRequest('/api/auth/token', { method: 'POST', body: { token }, origin: 'https://evil.example' }),
      deps,
    );
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).code).toBe('FORBIDDEN');

    const form = await handleTokenSignIn(
      new Request(`${shellUrl}/api/auth/token`, {
        method: 'POST',
        headers: { origin: shellUrl, 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${token}`,
      }),
      deps,
    );
    expect(form.status).toBe(400);
    expect(setCookies(crossSite).size + setCookies(form).size).toBe(0);
    // Neither reached GitHub.
    expect(gh.requests.filter((r) => r.path === '/user' && r.headers.authorization === `Bearer ${token}`)).toHaveLength(
      0,
    );
  });
});

describe('the session cookie', () => {
  async function signedIn() {
    const deps = createShellDeps(gh);
    const token = gh.issueToken('octocat', ['repo']);
    const response = await handleTokenSignIn(
      shellJsonRequest('/api/auth/token', { method: 'POST', body: { token } }),
      deps,
    );
    return { deps, token, value: setCookies(response).get(sessionCookieName)?.value ?? '' };
  }

  it('holds the token encrypted, not in clear or base64', async () => {
    const { token, value } = await signedIn();
    expect(value).not.toBe('');
    expect(value).not.toContain(token);
    for (const part of value.split('.')) expect(Buffer.from(part, 'base64url').toString('latin1')).not.toContain(token);
    for (const encoding of ['base64', 'base64url', 'hex'] as const) {
      expect(value).not.toContain(Buffer.from(token).toString(encoding).slice(4, 24));
    }
  });

  it('reads as signed out once tampered with, sealed with another secret, or expired', async () => {
    const { deps, value } = await signedIn();
    const last = value.at(-5) === 'A' ? 'B' : 'A';
    const tampered = `${value.slice(0, -5)}${last}${value.slice(-4)}`;
    expect((await me(deps, tampered)).text).toBe('{"login":null}');
    const middle = value.split('.');
    middle[3] = `${middle[3]?.slice(1)}A`;
    expect((await me(deps, middle.join('.'))).text).toBe('{"login":null}');

    const otherShell = createShellDeps(gh, { sessionSecret: 'another-secret-0123456789abcdef0123456789' });
    expect((await me(otherShell, value)).text).toBe('{"login":null}');

    const later = { ...deps, now: () => Date.now() + 15 * 24 * 3600 * 1000 };
    expect((await me(later, value)).text).toBe('{"login":null}');
    expect((await me(deps, value)).text).toBe('{"login":"octocat"}');
  });

  it('is not accepted in place of an OAuth state cookie, nor the other way round', async () => {
    gh.setBrowserUser('octocat');
    const deps = createShellDeps(gh);
    const start = await handleGitHubLogin(new Request(`${shellUrl}/api/auth/github/login`), deps);
    const stateValue = setCookies(start).get(oauthStateCookieName)?.value;
    expect((await me(deps, stateValue)).text).toBe('{"login":null}');
  });

  it('is cleared by signing out, which only the shell’s pages may ask for', async () => {
    const { deps, value } = await signedIn();
    const cookie = cookieHeader({ [sessionCookieName]: value });
    const crossSite = await handleSignOut(
      shellJsonRequest('/api/auth/logout', { method: 'POST', body: {}, cookie, origin: 'https://evil.example' }),
      deps,
    );
    expect(crossSite.status).toBe(403);
    expect(setCookies(crossSite).size).toBe(0);

    const response = await handleSignOut(
      shellJsonRequest('/api/auth/logout', { method: 'POST', body: {}, cookie }),
      deps,
    );
    expect(await response.json()).toEqual({ login: null });
    const cleared = setCookies(response).get(sessionCookieName);
    expect(cleared?.value).toBe('');
    expect(cleared?.line).toMatch(/Max-Age=0/);
  });
});
