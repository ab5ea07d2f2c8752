import { findStickyComment } from '../comment/find-sticky-comment.js';
import type { Octokit, RepoRef } from './bot-deps.js';

export interface UpsertStickyCommentOptions {
  octokit: Octokit;
  repo: RepoRef;
  issueNumber: number;
  marker: string;
  botLogin: string;
  body: string;
  /** When false and there is no comment yet, none is created (e.g. no figures to show). */
  create?: boolean;
}

export type UpsertResult = { action: 'created' | 'updated' | 'unchanged'; commentId: number } | { action: 'skipped' };

/**
 * Creates the pull request's sticky comment or edits it in place. The marker is searched on
 * every page of comments (100 a page, following `Link`), unlike CML's single-page lookup that
 * duplicated comments on busy pull requests. Callers hold the pull request's lock, so two
 * deliveries cannot both create one.
 *
 * @example
 * await upsertStickyComment({ octokit, repo, issueNumber: 12, marker, botLogin, body });
 */
export async function upsertStickyComment(options: UpsertStickyCommentOptions): Promise<UpsertResult> {
  const { octokit, repo, issueNumber, marker, botLogin, body } = options;
  let found: { id: number; body?: string | null | undefined } | null = null;
  await octokit.paginate(
    octokit.rest.issues.listComments,
    { ...repo, issue_number: issueNumber, per_page: 100 },
    (response, done) => {
      found = findStickyComment(response.data, marker, botLogin);
      if (found !== null) done();
      return [];
    },
  );
  const existing = found as { id: number; body?: string | null | undefined } | null;
  if (existing !== null) {
    if (existing.body === body) return { action: 'unchanged', commentId: existing.id };
    await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
    return { action: 'updated', commentId: existing.id };
  }
  if (options.create === false) return { action: 'skipped' };
  const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
  return { action: 'created', commentId: data.id };
}
