import { type GitHubClient, statusOf } from './github-client.js';

/**
 * The commit sha a branch points at (`GET /repos/{o}/{r}/git/ref/heads/{branch}`), or null when
 * the branch does not exist.
 *
 * @example
 * await findBranchHead(octokit, { owner: 'alice', repo: 'data', branch: 'main' }); // '3f1c…'
 */
export async function findBranchHead(
  octokit: GitHubClient,
  where: { owner: string; repo: string; branch: string },
): Promise<string | null> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      owner: where.owner,
      repo: where.repo,
      ref: `heads/${where.branch}`,
    });
    return String(data.object.sha);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
