import { createGitHubWriteCache } from '../../../app/lib/github-write-cache';
import type { ShellConfig } from '../../../app/lib/shell-config';
import type { ShellDeps } from '../../../app/lib/shell-deps';
import type { GitHubStandIn } from '../../support/github-stand-in.js';

export const shellUrl = 'http://shell.test';
export const clientId = 'Iv1.figurltest';
export const clientSecret = 'figurl-test-client-secret';

/**
 * The shell's route-handler arguments against a GitHub stand-in: its URL for both github.com
 * and api.github.com, an OAuth app registered with our callback, a fresh write cache.
 */
export function createShellDeps(gh: GitHubStandIn, overrides: Partial<ShellConfig> = {}): ShellDeps {
  const config: ShellConfig = {
    zoneUrl: 'http://127.0.0.1:9',
    pluginHostUrl: 'http://127.0.0.1:9/plugins',
    shellUrl,
    npmCdnUrl: 'https://unpkg.com',
    pluginAliases: {},
    sessionSecret: 'test-session-secret-0123456789abcdef0123456789',
    zoneToken: undefined,
    fetchAllowHosts: [],
    github: { clientId, clientSecret, url: gh.url, apiUrl: gh.url },
    ...overrides,
  };
  return { config, fetch, cache: createGitHubWriteCache() };
}

/** The cookies a response sets, by name: value and the raw `Set-Cookie` line. */
export function setCookies(response: Response): Map<string, { value: string; line: string }> {
  const cookies = new Map<string, { value: string; line: string }>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), { value: pair.slice(at + 1), line });
  }
  return cookies;
}

/** A `Cookie` request header from name/value pairs (empty values, i.e. deleted cookies, left out). */
export function cookieHeader(cookies: Record<string, string | undefined>): string {
  return Object.entries(cookies)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** A request from the shell's own pages: same Origin, JSON body. */
export function shellJsonRequest(
  path: string,
  init: { method: 'POST' | 'PUT'; body: unknown; cookie?: string; origin?: string; contentType?: string },
): Request {
  const headers: Record<string, string> = {
    origin: init.origin ?? shellUrl,
    'content-type': init.contentType ?? 'application/json',
  };
  if (init.cookie !== undefined) headers.cookie = init.cookie;
  return new Request(`${shellUrl}${path}`, { method: init.method, headers, body: JSON.stringify(init.body) });
}
