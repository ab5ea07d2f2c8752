import { type GitHubClient, statusOf } from './github-client.js';

/**
 * The blob sha of `path` at `ref` (a branch or commit sha), or null when there is no such file
 * (GitHub: `GET /repos/{o}/{r}/contents/{path}?ref=` → `{ type: 'file', sha }`, 404 when absent).
 *
 * @example
 * await findFileSha(octokit, { owner: 'alice', repo: 'data', ref: head, path: 'curations/x.json' });
 */
export async function findFileSha(
  octokit: GitHubClient,
  where: { owner: string; repo: string; ref: string; path: string },
): Promise<string | null> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', where);
    // A folder answers with an array: there is no file to compare with, and a commit would fail.
    if (Array.isArray(data) || data?.type !== 'file') {
      throw new Error(`${where.owner}/${where.repo}: "${where.path}" at ${where.ref} is not a file`);
    }
    return String(data.sha);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
