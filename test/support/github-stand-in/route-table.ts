import type { IncomingHttpHeaders } from 'node:http';
import type { GitStore } from './git-store.js';
import type { GitHubApps, StandInGitHubApp, StandInInstallation } from './github-apps.js';
import type { RepoRecords } from './repo-records.js';
import type { StandInState, StandInUser } from './state.js';

/**
 * Which GitHub host a route belongs to. One stand-in URL serves them all; the host decides the
 * edge behaviour: `api` (api.github.com) authenticates, rate-limits and answers CORS; `web`
 * (github.com) does neither, so a browser cannot exchange an OAuth code cross-origin, as on GitHub;
 * `raw` (raw.githubusercontent.com) and `avatars` allow CORS without rate limits.
 */
export type Host = 'api' | 'web' | 'raw' | 'avatars';

/** A token presented as `Authorization: token <t>` or `Bearer <t>` that the stand-in issued. */
export interface StandInAuth {
  token: string;
  user: StandInUser;
  scopes: readonly string[];
  /** For an installation token (`ghs_…`): the installation, narrowed to what the token was granted. */
  installation: StandInInstallation | null;
}

export interface StandInRequest {
  method: string;
  /** Path parameters, percent-decoded; a `*rest` parameter keeps its slashes. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Set on `api` and `raw` routes when a valid token came with the request. */
  auth: StandInAuth | null;
  /** Set on `api` routes when a valid GitHub App JWT came as `Authorization: Bearer <jwt>`. */
  app: StandInGitHubApp | null;
}

export interface StandInResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as `application/json; charset=utf-8`. */
  json?: unknown;
  body?: string | Buffer;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `/repos/:owner/:repo/contents/*path`: `:name` is one segment, a final `*name` the rest. */
  path: string;
  host: Host;
  handle(request: StandInRequest): StandInResponse;
}

/** What every group of routes gets: the shared state and the stand-in's own URL. */
export interface RouteContext {
  state: StandInState;
  /** `http://127.0.0.1:<port>`, standing in for github.com, api.github.com and the other hosts. */
  baseUrl: string;
  apps: GitHubApps;
  records: RepoRecords;
  git: GitStore;
}

export type RouteMatch = { route: Route; params: Record<string, string> };

/**
 * Finds the route for a request (`method` null: any method, to learn a path's host). Paths are
 * matched on raw segments and decoded afterwards, so an encoded slash (`%2F`, which Octokit sends
 * inside `{path}`) stays inside its parameter.
 *
 * @example
 * const match = createRouteTable(routes)('GET', '/repos/alice/notes/contents/a%2Fb.json');
 * match?.params.path; // 'a/b.json'
 */
export function createRouteTable(
  routes: readonly Route[],
): (method: string | null, pathname: string) => RouteMatch | null {
  const compiled = routes.map((route) => ({ route, pattern: route.path.split('/').slice(1) }));
  return (method, pathname) => {
    const segments = pathname.split('/').slice(1);
    for (const { route, pattern } of compiled) {
      if (method !== null && route.method !== method) continue;
      const params = matchSegments(pattern, segments);
      if (params !== null) return { route, params };
    }
    return null;
  };
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  try {
    for (const [i, part] of pattern.entries()) {
      if (part.startsWith('*')) {
        params[part.slice(1)] = decodeURIComponent(segments.slice(i).join('/'));
        return params;
      }
      const segment = segments[i];
      if (segment === undefined || segment === '') return null;
      if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(segment);
      else if (part !== segment) return null;
    }
  } catch {
    return null; // malformed percent-encoding: no route
  }
  return segments.length === pattern.length ? params : null;
}
