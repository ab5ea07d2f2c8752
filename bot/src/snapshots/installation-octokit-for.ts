import type { Probot } from 'probot';
import type { GitHubClient } from './github-client.js';

/**
 * The App's installation client for a repository: `GET /repos/{o}/{r}/installation` as the App,
 * then Probot's installation-authenticated Octokit (its token cache is Probot's).
 *
 * @example
 * startSnapshotWorker({ curations, state, octokitFor: installationOctokitFor(probot) });
 */
export function installationOctokitFor(
  probot: Pick<Probot, 'auth'>,
): (repo: { owner: string; repo: string }) => Promise<GitHubClient> {
  return async ({ owner, repo }) => {
    const asApp = await probot.auth();
    const { data } = await asApp.request('GET /repos/{owner}/{repo}/installation', { owner, repo });
    return probot.auth(data.id);
  };
}
