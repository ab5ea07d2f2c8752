import type { Octokit, RepoRef } from './bot-deps.js';

/**
 * The latest commit of a branch (`GET /git/ref/heads/{branch}`), or null when the branch is
 * gone or unreadable: the base-vs-head links are a nicety, never a reason to fail.
 *
 * @example
 * const baseSha = await findBranchHead(octokit, repo, 'main');
 */
export async function findBranchHead(octokit: Octokit, repo: RepoRef, branch: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 404 || status === 409) return null;
    throw error;
  }
}
