import { randomBytes } from 'node:crypto';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';

/** "Authorizing OAuth apps", web application flow step 1: "The code expires after 10 minutes." */
export const codeLifetimeMs = 10 * 60 * 1000;

// The `error_uri` values exactly as the two troubleshooting pages print them (relative).
const authorizeErrors =
  '/apps/building-integrations/setting-up-and-registering-oauth-apps/troubleshooting-authorization-request-errors/';
const tokenErrors = '/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/';

/**
 * github.com's OAuth web flow ("Authorizing OAuth apps"). The browser is a configured user
 * (`state.browser`) who approves or denies at once, so `authorize` answers with the redirect to
 * the app instead of a consent page.
 */
export function oauthRoutes({ state }: RouteContext): Route[] {
  // Step 1, GET /login/oauth/authorize: 302 to redirect_uri?code=…&state=…. A redirect_uri that
  // does not fit the registered callback goes back to the callback with error=redirect_uri_mismatch
  // ("Troubleshooting authorization request errors").
  function authorize({ query }: StandInRequest): StandInResponse {
    const app = state.apps.get(query.get('client_id') ?? '');
    if (app === undefined) return toHtmlPage(404, 'Not Found', 'This is not the web page you are looking for.');
    const stateParam = query.get('state');
    const requested = query.get('redirect_uri');
    if (requested === null && app.callbackUrl === undefined) {
      return toHtmlPage(400, 'Bad request', 'redirect_uri is required: the app has no callback URL.');
    }
    if (app.callbackUrl !== undefined && requested !== null && !isRedirectAllowed(requested, app.callbackUrl)) {
      return toRedirect(app.callbackUrl, {
        error: 'redirect_uri_mismatch',
        error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
        error_uri: `${authorizeErrors}#redirect-uri-mismatch`,
        state: stateParam,
      });
    }
    const redirectUri = requested ?? app.callbackUrl ?? '';
    const login = state.browser.login;
    if (login === null) return toHtmlPage(200, 'Sign in to GitHub', 'No browser user: call setBrowserUser first.');
    if (!state.browser.approve) {
      return toRedirect(redirectUri, {
        error: 'access_denied',
        error_description: 'The user has denied your application access.',
        error_uri: `${authorizeErrors}#access-denied`,
        state: stateParam,
      });
    }
    const code = randomBytes(10).toString('hex');
    const scopes = [...new Set((query.get('scope') ?? '').split(/[\s,]+/).filter((scope) => scope !== ''))];
    state.codes.set(code, {
      code,
      clientId: app.clientId,
      login,
      scopes,
      redirectUri,
      expiresAt: state.now() + codeLifetimeMs,
    });
    return toRedirect(redirectUri, { code, state: stateParam });
  }

  // Step 2, POST /login/oauth/access_token: parameters in the query, a form or a JSON body; the
  // answer is form-encoded unless Accept asks for JSON, and errors are HTTP 200 with an `error`
  // field ("Troubleshooting OAuth app access token request errors"). A code works once.
  function exchangeCode(request: StandInRequest): StandInResponse {
    const params = readParams(request);
    const reply = (fields: Record<string, string>): StandInResponse =>
      (request.headers.accept ?? '').includes('application/json')
        ? { status: 200, json: fields }
        : {
            status: 200,
            headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
            body: new URLSearchParams(fields).toString(),
          };
    const app = state.apps.get(params.get('client_id') ?? '');
    if (app === undefined || app.clientSecret !== params.get('client_secret')) {
      return reply({
        error: 'incorrect_client_credentials',
        error_description: 'The client_id and/or client_secret passed are incorrect.',
        error_uri: `${tokenErrors}#incorrect-client-credentials`,
      });
    }
    const code = params.get('code') ?? '';
    const grant = state.codes.get(code);
    if (grant !== undefined && grant.expiresAt <= state.now()) state.codes.delete(code);
    if (grant === undefined || grant.clientId !== app.clientId || grant.expiresAt <= state.now()) {
      return reply({
        error: 'bad_verification_code',
        error_description: 'The code passed is incorrect or expired.',
        error_uri: `${tokenErrors}#bad-verification-code`,
      });
    }
    const redirectUri = params.get('redirect_uri');
    if (redirectUri !== null && redirectUri !== grant.redirectUri) {
      return reply({
        error: 'redirect_uri_mismatch',
        error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
        error_uri: '/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#redirect-uri-mismatch2',
      });
    }
    state.codes.delete(code);
    const accessToken = state.issueToken(grant.login, grant.scopes, 'gho_');
    return reply({ access_token: accessToken, scope: grant.scopes.join(','), token_type: 'bearer' });
  }

  return [
    { method: 'GET', path: '/login/oauth/authorize', host: 'web', handle: authorize },
    { method: 'POST', path: '/login/oauth/access_token', host: 'web', handle: exchangeCode },
  ];
}

/**
 * "Authorizing OAuth apps", Redirect URLs: same scheme, the callback's host or a subdomain of it,
 * the same port (any port for a loopback IP callback), and the callback's path or one below it.
 */
function isRedirectAllowed(requested: string, callbackUrl: string): boolean {
  let redirect: URL;
  try {
    redirect = new URL(requested);
  } catch {
    return false;
  }
  const callback = new URL(callbackUrl);
  const loopback = ['127.0.0.1', '[::1]'].includes(callback.hostname);
  const base = callback.pathname.endsWith('/') ? callback.pathname : `${callback.pathname}/`;
  return (
    redirect.protocol === callback.protocol &&
    (redirect.hostname === callback.hostname || redirect.hostname.endsWith(`.${callback.hostname}`)) &&
    (redirect.port === callback.port || (loopback && redirect.hostname === callback.hostname)) &&
    (redirect.pathname === callback.pathname || redirect.pathname.startsWith(base))
  );
}

function readParams(request: StandInRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  const type = request.headers['content-type'] ?? '';
  const text = request.body.toString('utf8');
  let fields: Record<string, unknown> = {};
  if (type.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) fields = parsed as Record<string, unknown>;
    } catch {
      // GitHub ignores a body it cannot read; the missing parameters then fail on their own.
    }
  } else {
    fields = Object.fromEntries(new URLSearchParams(text));
  }
  for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') params.set(key, value);
  return params;
}

function toRedirect(target: string, params: Record<string, string | null>): StandInResponse {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return { status: 302, headers: { location: url.toString() }, body: '' };
}

function toHtmlPage(status: number, title: string, text: string): StandInResponse {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html><html><head><title>${title} · GitHub</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
  };
}
