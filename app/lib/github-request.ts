import { FigurlError } from '@figurl/sdk';
import type { ShellConfig } from './shell-config';

/** What the shell's GitHub calls need: the configured GitHub and a fetch (a stand-in's in tests). */
export interface GitHubDeps {
  config: Pick<ShellConfig, 'github'>;
  fetch: typeof fetch;
}

export interface GitHubCall {
  /** Appended to the API URL (`/user`), or a whole URL (the OAuth endpoints on the web host). */
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  token?: string | undefined;
  /** Default `application/vnd.github+json`. */
  accept?: string;
  body?: unknown;
  /** For messages: "reading gh://…". */
  what: string;
}

/** GitHub answers in well under this; beyond it the user is better told than kept waiting. */
const timeoutMs = 20_000;

/**
 * One request to GitHub's REST API (version 2022-11-28). A network failure or timeout is
 * UNAVAILABLE naming GitHub's address; every HTTP answer, errors included, is returned.
 *
 * @example
 * const response = await requestGitHub(deps, { url: '/user', token, what: 'checking the token' });
 */
export async function requestGitHub(deps: GitHubDeps, call: GitHubCall): Promise<Response> {
  const url = /^https?:\/\//.test(call.url) ? call.url : `${deps.config.github.apiUrl}${call.url}`;
  const headers: Record<string, string> = {
    accept: call.accept ?? 'application/vnd.github+json',
    'user-agent': 'figurl-shell',
    'x-github-api-version': '2022-11-28',
  };
  if (call.token !== undefined) headers.authorization = `Bearer ${call.token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await deps.fetch(url, {
      method: call.method ?? 'GET',
      headers,
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError';
    throw new FigurlError(
      'UNAVAILABLE',
      `GitHub (${new URL(url).origin}) ${timedOut ? `did not answer within ${timeoutMs / 1000} s` : 'could not be reached'} while ${call.what}: try again in a moment`,
      { cause: err },
    );
  }
}
