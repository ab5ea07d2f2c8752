import type { Octokit, RepoRef } from './bot-deps.js';

/**
 * Whether `username` may push to the repository (`GET /collaborators/{user}/permission`:
 * `admin` or `write`; maintainers report `write`). Not a collaborator (404): false.
 *
 * @example
 * if (!(await hasWritePermission(octokit, repo, 'octocat'))) return;
 */
export async function hasWritePermission(octokit: Octokit, repo: RepoRef, username: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    return data.permission === 'admin' || data.permission === 'write';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
