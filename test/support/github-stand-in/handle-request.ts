import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { GitHubApps, StandInGitHubApp } from './github-apps.js';
import { createRateLimiter } from './rate-limiter.js';
import { docs, toErrorResponse } from './responses.js';
import {
  createRouteTable,
  type Host,
  type Route,
  type StandInAuth,
  type StandInRequest,
  type StandInResponse,
} from './route-table.js';
import type { StandInState } from './state.js';

/**
 * A one-shot fault for error-path tests: the first request matching `method` and `path` waits
 * `delayMs`, then (when `status` is set) answers `status` with `json` instead of its real answer.
 * With `afterHandling` the request is carried out first, as when a write lands on GitHub but the
 * response is lost on the way back.
 */
export interface StandInFault {
  method?: string;
  /** Exact raw pathname (`/repos/alice/notes/contents/a.json`) or a pattern tested against it. */
  path?: string | RegExp;
  status?: number;
  json?: unknown;
  delayMs?: number;
  afterHandling?: boolean;
}

/**
 * A standing delay (unlike a one-shot fault): every request matching `method` and `path` waits
 * `delayMs` before it is answered, as when GitHub is slow.
 */
export interface StandInLatency {
  delayMs: number;
  method?: string;
  path?: string | RegExp;
}

export interface LoggedRequest {
  method: string;
  /** Raw pathname, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  /** The authenticated user, when a valid token came with an API request. */
  login: string | null;
}

export interface RateLimitOptions {
  /** Requests per window per IP without a token; GitHub: 60 an hour. */
  unauthenticated: number;
  /** Requests per window per user with a token; GitHub: 5000 an hour for OAuth and classic tokens. */
  authenticated: number;
  windowMs: number;
}

// "CORS and JSONP" in "Getting started with the REST API": what api.github.com answers.
const exposedHeaders =
  'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset';
const corsHeaders = { 'access-control-allow-origin': '*', 'access-control-expose-headers': exposedHeaders };
const preflightHeaders = {
  ...corsHeaders,
  'access-control-allow-headers':
    'Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, X-GitHub-OTP, X-Requested-With, X-GitHub-Api-Version',
  'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
  'access-control-max-age': '86400',
};
const maxBodyBytes = 128 * 1024 * 1024;

/**
 * The stand-in's edge as a node:http listener: body reading, faults, token checks, the primary
 * rate limit, CORS and the request log, around the pure route handlers.
 */
export function createRequestHandler(input: {
  state: StandInState;
  routes: readonly Route[];
  rateLimit: RateLimitOptions;
  faults: StandInFault[];
  requests: LoggedRequest[];
  apps: GitHubApps;
  latencies: readonly StandInLatency[];
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { state, rateLimit, faults, requests, apps, latencies } = input;
  const findRoute = createRouteTable(input.routes);
  const takeRateLimit = createRateLimiter({ now: state.now, windowMs: rateLimit.windowMs });

  async function answer(
    req: IncomingMessage,
    url: URL,
    body: Buffer | null,
  ): Promise<[StandInResponse, string | null]> {
    const method = req.method ?? 'GET';
    const match = findRoute(method, url.pathname);
    const host: Host = (match ?? findRoute(null, url.pathname))?.route.host ?? 'api';
    if (method === 'OPTIONS' && host !== 'web') return [{ status: 204, headers: preflightHeaders }, null];
    const edge: Record<string, string> = host === 'web' ? {} : { ...corsHeaders };
    const latency = latencies.findLast((entry) => matches(entry, method, url.pathname));
    if (latency !== undefined && latency.delayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, latency.delayMs));
    }
    const fault = takeFault(faults, method, url.pathname);
    if (fault?.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const faultResponse: StandInResponse | null =
      fault?.status === undefined ? null : { status: fault.status, json: fault.json ?? { message: 'Server Error' } };
    if (faultResponse !== null && fault?.afterHandling !== true) return [withHeaders(faultResponse, edge), null];
    if (body === null) return [withHeaders(toErrorResponse(413, 'Request body too large', docs.rest), edge), null];

    let auth: StandInAuth | null = null;
    let app: StandInGitHubApp | null = null;
    let badCredentials: string | null = null;
    if (host === 'api' || host === 'raw') {
      const token = parseAuthorization(req.headers.authorization);
      const known = token === null ? undefined : state.tokens.get(token);
      const user = known === undefined ? null : state.findUser(known.login);
      const expired = known?.expiresAt !== undefined && known.expiresAt <= state.now();
      if (known !== undefined && user !== null && !expired) {
        const installation = known.installationId === undefined ? null : apps.findTokenInstallation(known.token);
        auth = { token: known.token, user, scopes: known.scopes, installation };
      } else if (token !== null && host === 'api' && isJwt(token)) {
        const verified = apps.verifyJwt(token);
        if (typeof verified === 'string') badCredentials = verified;
        else app = verified;
      } else if (token !== null) {
        badCredentials = 'Bad credentials';
      }
    }
    if (host === 'api') {
      const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
      const status =
        app !== null
          ? takeRateLimit(`app:${app.id}`, rateLimit.authenticated)
          : auth === null
            ? takeRateLimit(`ip:${ip}`, rateLimit.unauthenticated)
            : takeRateLimit(`user:${auth.user.id}`, rateLimit.authenticated);
      Object.assign(edge, {
        'x-ratelimit-limit': String(status.limit),
        'x-ratelimit-remaining': String(status.remaining),
        'x-ratelimit-reset': String(status.reset),
        'x-ratelimit-used': String(status.used),
        'x-ratelimit-resource': 'core',
        'x-github-api-version-selected': '2022-11-28',
      });
      if (auth !== null) edge['x-oauth-scopes'] = auth.scopes.join(', ');
      if (badCredentials !== null) {
        return [withHeaders(toErrorResponse(401, badCredentials, docs.rest), edge), null];
      }
      if (status.exceeded) {
        // "Rate limits for the REST API": 403 (or 429) with x-ratelimit-remaining 0.
        const message =
          auth === null
            ? `API rate limit exceeded for ${ip}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`
            : `API rate limit exceeded for user ID ${auth.user.id}.`;
        return [withHeaders(toErrorResponse(403, message, docs.rateLimits), edge), auth?.user.login ?? null];
      }
    } else if (badCredentials !== null) {
      return [withHeaders({ status: 404, body: '404: Not Found' }, edge), null];
    }

    const request: StandInRequest = {
      method,
      params: match?.params ?? {},
      query: url.searchParams,
      headers: req.headers,
      body,
      auth,
      app,
    };
    const response = match === null ? toErrorResponse(404, 'Not Found', docs.rest) : match.route.handle(request);
    return [withHeaders(faultResponse ?? response, edge), auth?.user.login ?? null];
  }

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    void readBody(req)
      .then((body) =>
        answer(req, url, body).then(([response, login]) => {
          requests.push({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body: body?.toString('utf8') ?? '',
            status: response.status,
            login,
          });
          send(res, response);
        }),
      )
      .catch((err: unknown) => {
        console.error('[github-stand-in]', err);
        send(res, { status: 500, json: { message: 'Server Error' } });
      });
  };
}

function withHeaders(response: StandInResponse, headers: Record<string, string>): StandInResponse {
  return { ...response, headers: { ...headers, ...response.headers } };
}

/**
 * The token of `token <t>` (Octokit's default) or `Bearer <t>`, any case; null without the
 * header; '' (never a valid token) for any other scheme.
 */
function parseAuthorization(header: string | undefined): string | null {
  if (header === undefined || header.trim() === '') return null;
  const [scheme = '', token = ''] = header.trim().split(/\s+/, 2);
  return /^(token|bearer)$/i.test(scheme) ? token : '';
}

function takeFault(faults: StandInFault[], method: string, pathname: string): StandInFault | undefined {
  const at = faults.findIndex((fault) => matches(fault, method, pathname));
  return at === -1 ? undefined : faults.splice(at, 1)[0];
}

function matches(filter: { method?: string; path?: string | RegExp }, method: string, pathname: string): boolean {
  return (
    (filter.method === undefined || filter.method.toUpperCase() === method) &&
    (filter.path === undefined ||
      (typeof filter.path === 'string' ? filter.path === pathname : filter.path.test(pathname)))
  );
}

/** A compact JWS (`header.payload.signature`, base64url), as a GitHub App JWT is sent. */
function isJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

/** The whole body, or null past `maxBodyBytes` (the rest is drained). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBodyBytes) chunks.push(chunk);
  }
  return size > maxBodyBytes ? null : Buffer.concat(chunks);
}

function send(res: ServerResponse, response: StandInResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let body: Buffer;
  if (response.json !== undefined) {
    body = Buffer.from(JSON.stringify(response.json));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else {
    body = typeof response.body === 'string' ? Buffer.from(response.body) : (response.body ?? Buffer.alloc(0));
    if (response.body !== undefined) headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
}
