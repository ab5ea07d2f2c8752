import type { FigureClient } from '@figurl/sdk';
import type { Octokit } from '@octokit/rest';

export interface UpdateCommentDirectlyOptions {
  octokit: Octokit;
  figures: FigureClient;
  owner: string;
  repo: string;
  pullRequest: number;
  commitSha: string;
  /** The sticky comment's marker and its author (`<slug>[bot]`). */
  marker: string;
  login: string;
}

/**
 * The baseline: the bare cost of what the App must do for a push, done directly — every page of
 * the pull request's comments (100 a page, as the App reads them), every page of the zone's
 * figures of the pull request (200 a page, kept if of the commit), one PATCH of the comment. No
 * queue, no config read, no base-branch lookup, no check run, no rendering beyond a line.
 *
 * @example
 * await updateCommentDirectly({ octokit, figures, owner, repo, pullRequest: 1, commitSha, marker, login });
 */
export async function updateCommentDirectly(options: UpdateCommentDirectlyOptions): Promise<void> {
  const { octokit, figures, owner, repo } = options;
  let comment: { id: number; body: string } | null = null;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: options.pullRequest,
    per_page: 100,
  })) {
    for (const found of page.data) {
      if (found.user?.login === options.login && found.body?.includes(options.marker)) {
        comment = { id: found.id, body: found.body };
      }
    }
  }
  if (comment === null)
    throw new Error(`no comment with ${options.marker} by ${options.login} on #${options.pullRequest}`);
  const labels: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await figures.list({
      repo: `${owner}/${repo}`,
      pullRequest: options.pullRequest,
      limit: 200,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const figure of page.figures) if (figure.commitSha === options.commitSha) labels.push(figure.label);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  const body = `${comment.body.replace(/\n<!-- baseline [^>]*-->$/, '')}\n<!-- baseline ${options.commitSha}: ${labels.length} -->`;
  await octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body });
}
