import type { FigureClient, FigureRecord } from '@figurl/sdk';

export interface ListCommitFiguresOptions {
  repo: string;
  /** Only this pull request's figures; all the repository's when undefined. */
  pullRequest?: number | undefined;
  /** Only figures of this commit; all when undefined. */
  commitSha?: string | undefined;
  /** Pages of 200 read at most (the registry lists newest first). Default 20. */
  maxPages?: number;
}

/**
 * The registry's live figures of a repository (and pull request), filtered by commit: every
 * page, up to `maxPages`. The registry has no commit filter, so the filter is applied here.
 *
 * @example
 * const head = await listCommitFigures(figures, { repo: 'octo/lab', pullRequest: 12, commitSha });
 */
export async function listCommitFigures(
  figures: FigureClient,
  options: ListCommitFiguresOptions,
): Promise<FigureRecord[]> {
  const found: FigureRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < (options.maxPages ?? 20); page += 1) {
    const answer = await figures.list({
      repo: options.repo,
      limit: 200,
      ...(options.pullRequest === undefined ? {} : { pullRequest: options.pullRequest }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const figure of answer.figures) {
      if (options.commitSha === undefined || figure.commitSha === options.commitSha) found.push(figure);
    }
    if (answer.nextCursor === null) break;
    cursor = answer.nextCursor;
  }
  return found;
}
