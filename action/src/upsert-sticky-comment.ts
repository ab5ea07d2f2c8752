import { describeRequestError } from './check-app-installation.js';
import { findStickyComment } from './find-sticky-comment.js';
import type { GitHubClient } from './github-client.js';

export type StickyCommentResult =
  | { status: 'created' | 'updated'; commentId: number; url: string }
  | { status: 'read-only'; reason: string };

/**
 * Creates or updates the Action's one comment on a pull request: every page of comments is
 * searched for the marker (`octokit.paginate`, 100 a page — a single page would miss it on a busy
 * PR and post a duplicate), the last match is PATCHed, else a comment is POSTed. A token that
 * may not write (403, "Resource not accessible by integration": fork PRs, `pull-requests: read`)
 * gives `read-only` instead of an error; any other failure throws.
 *
 * @example
 * await upsertStickyComment(octokit, { owner: 'octo', repo: 'lab', issueNumber: 12, body });
 */
export async function upsertStickyComment(
  octokit: GitHubClient,
  target: { owner: string; repo: string; issueNumber: number; body: string },
): Promise<StickyCommentResult> {
  const { owner, repo, issueNumber, body } = target;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  const existing = findStickyComment(comments);
  try {
    if (existing !== null) {
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      return { status: 'updated', commentId: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { status: 'created', commentId: data.id, url: data.html_url };
  } catch (err) {
    if ((err as { status?: unknown }).status === 403) return { status: 'read-only', reason: describeRequestError(err) };
    throw err;
  }
}
