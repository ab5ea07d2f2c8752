import type { GitHubClient } from './github-client.js';

export type AppInstallation = 'installed' | 'not-installed' | 'unknown';

/**
 * Whether the figurl GitHub App is installed on the repository: `GET /repos/{o}/{r}/installation`
 * answers 200 when it is and 404 when it is not. Any other answer (401, 403, 5xx, network) is
 * `unknown`, with the reason, and the caller decides.
 *
 * @example
 * const { installation } = await checkAppInstallation(octokit, { owner: 'octo', repo: 'lab' });
 */
export async function checkAppInstallation(
  octokit: GitHubClient,
  repo: { owner: string; repo: string },
): Promise<{ installation: AppInstallation; reason?: string }> {
  try {
    await octokit.request('GET /repos/{owner}/{repo}/installation', repo);
    return { installation: 'installed' };
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (status === 404) return { installation: 'not-installed' };
    return { installation: 'unknown', reason: describeRequestError(err) };
  }
}

/** `HTTP 403: Resource not accessible by integration`, or the error's message. */
export function describeRequestError(err: unknown): string {
  const status = (err as { status?: unknown }).status;
  const message = err instanceof Error ? err.message : String(err);
  return typeof status === 'number' ? `HTTP ${status}: ${message}` : message;
}
