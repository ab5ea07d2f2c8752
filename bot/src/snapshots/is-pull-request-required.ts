import type { GitHubClient } from './github-client.js';

/**
 * Whether branch protection says changes to `branch` go through pull requests
 * (`GET /repos/{o}/{r}/branches/{branch}/protection` → `required_pull_request_reviews`). This
 * endpoint needs the "Administration: read" permission the App does not ask for, so on GitHub it
 * usually answers 403/404: then "not known" (false), and the ref update's 422 tells instead.
 * Asking first only saves a commit GitHub would refuse.
 *
 * @example
 * if (await isPullRequestRequired(octokit, { owner, repo, branch: 'main' })) // open a PR
 */
export async function isPullRequestRequired(
  octokit: GitHubClient,
  where: { owner: string; repo: string; branch: string },
): Promise<boolean> {
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/branches/{branch}/protection', where);
    return data?.required_pull_request_reviews != null;
  } catch {
    return false;
  }
}
