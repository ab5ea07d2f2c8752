import type { GitHubAppClient } from '@figurl/sdk';
import type { GitHubClient } from './github-client.js';

export type AppInstallation = 'installed' | 'not-installed' | 'unknown';

/** Who answered: the zone (with the App's credentials) or GitHub (with the workflow's token). */
export type InstallationSource = 'zone' | 'github';

/**
 * Whether the figurl GitHub App is installed on the repository. GitHub answers
 * `GET /repos/{o}/{r}/installation` only to the App itself (a JWT), never to a workflow's
 * GITHUB_TOKEN, so the zone is asked first (`GET /api/v1/github/installation`, with the zone
 * token): when it holds the App's credentials its answer decides. Only when the zone says
 * `configured: false` is GitHub asked directly (200 installed, 404 not; a GitHub Enterprise
 * token may be allowed to ask). Any other failure of either is `unknown`, with the reason, and
 * the caller decides.
 *
 * @example
 * const { installation } = await checkAppInstallation({ zone: createGitHubAppClient(connection), octokit, owner: 'octo', repo: 'lab' });
 */
export async function checkAppInstallation(options: {
  zone: GitHubAppClient;
  octokit: GitHubClient;
  owner: string;
  repo: string;
}): Promise<{ installation: AppInstallation; source?: InstallationSource; reason?: string }> {
  const { zone, octokit, owner, repo } = options;
  try {
    const answer = await zone.getInstallation(`${owner}/${repo}`);
    if (answer.configured) return { installation: answer.installed ? 'installed' : 'not-installed', source: 'zone' };
  } catch (err) {
    return { installation: 'unknown', reason: `the zone could not tell: ${describeRequestError(err)}` };
  }
  try {
    await octokit.request('GET /repos/{owner}/{repo}/installation', { owner, repo });
    return { installation: 'installed', source: 'github' };
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (status === 404) return { installation: 'not-installed', source: 'github' };
    return {
      installation: 'unknown',
      reason: `the zone has no App credentials, and GitHub answered ${describeRequestError(err)}`,
    };
  }
}

/** `HTTP 403: Resource not accessible by integration`, or the error's message. */
export function describeRequestError(err: unknown): string {
  const status = (err as { status?: unknown }).status;
  const message = err instanceof Error ? err.message : String(err);
  return typeof status === 'number' ? `HTTP ${status}: ${message}` : message;
}
