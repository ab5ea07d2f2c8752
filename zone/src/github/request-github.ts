import { FigurlError } from '@figurl/sdk';

export interface GitHubAnswer {
  status: number;
  body: unknown;
}

/**
 * One REST call to GitHub (`X-GitHub-Api-Version: 2022-11-28`) with a bearer credential (an App
 * JWT or an installation token). 2xx and 404 come back to the caller, which knows what a 404
 * means; anything else, or no answer, is UNAVAILABLE — the message names the call, never the
 * credential.
 *
 * @example
 * const { status, body } = await requestGitHub({ apiUrl, fetch }, 'GET', '/repos/o/r/installation', jwt);
 */
export async function requestGitHub(
  target: { apiUrl: string; fetch: typeof fetch },
  method: 'GET' | 'POST',
  path: string,
  credential: string,
): Promise<GitHubAnswer> {
  const what = `GitHub ${method} ${path}`;
  let response: Response;
  try {
    response = await target.fetch(`${target.apiUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${credential}`,
        'user-agent': 'figurl-zone',
        'x-github-api-version': '2022-11-28',
      },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new FigurlError('UNAVAILABLE', `${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = await response.text();
  if (response.status === 404 || response.ok) {
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      throw new FigurlError('UNAVAILABLE', `${what} answered ${response.status} with a body that is not JSON`);
    }
    return { status: response.status, body };
  }
  throw new FigurlError('UNAVAILABLE', `${what} answered HTTP ${response.status}; expected 200 or 404`);
}
