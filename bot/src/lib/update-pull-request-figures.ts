import { toCommentMarker } from '../comment/comment-marker.js';
import { renderCheckSummary } from '../comment/render-check-summary.js';
import { renderFiguresComment } from '../comment/render-figures-comment.js';
import { listCommitFigures } from '../figures/list-commit-figures.js';
import { toFigureRows } from '../figures/to-figure-rows.js';
import type { BotDeps, Octokit, RepoRef } from './bot-deps.js';
import { findBranchHead } from './find-branch-head.js';
import { getRepoConfig } from './get-repo-config.js';
import { upsertCheckRun } from './upsert-check-run.js';
import { type UpsertResult, upsertStickyComment } from './upsert-sticky-comment.js';

/** The check run that carries the figures. */
export const figuresCheckName = 'figurl';
/** The check run that reports an invalid `.github/figurl.yml`. */
export const configCheckName = 'figurl config';

export interface PullRequestRef {
  number: number;
  headSha: string;
  /** The base branch's name. */
  baseRef: string;
}

export interface UpdatePullRequestFiguresOptions {
  octokit: Octokit;
  repo: RepoRef;
  pull: PullRequestRef;
  deps: BotDeps;
}

export type UpdatePullRequestFiguresResult =
  | { status: 'invalid-config'; message: string }
  | { status: 'done'; figures: number; comment: UpsertResult | null; checkRunId: number | null };

/**
 * Brings a pull request's sticky comment and check run up to date with the figures the zone
 * registry holds for its head commit (docs/protocol.md §6), with base-vs-head links to the
 * base branch's latest figures of the same label. An invalid `.github/figurl.yml` is reported
 * as a failed "figurl config" check run instead, and nothing else is done.
 *
 * @example
 * await updatePullRequestFigures({ octokit, repo, pull: { number, headSha, baseRef }, deps });
 */
export async function updatePullRequestFigures(
  options: UpdatePullRequestFiguresOptions,
): Promise<UpdatePullRequestFiguresResult> {
  const { octokit, repo, pull, deps } = options;
  const fullName = `${repo.owner}/${repo.repo}`;
  const botLogin = await deps.getBotLogin();
  const appSlug = botLogin.replace(/\[bot\]$/, '');
  const configResult = await getRepoConfig(octokit, repo);
  if (!configResult.ok) {
    const { message } = configResult;
    await deps.withLock(`${fullName}@${pull.headSha}:${configCheckName}`, () =>
      upsertCheckRun({
        octokit,
        repo,
        headSha: pull.headSha,
        name: configCheckName,
        conclusion: 'failure',
        title: 'Invalid .github/figurl.yml',
        summary: `${message}\n\nFix the file on the default branch; until then figurl does not comment or check.`,
        appSlug,
      }),
    );
    return { status: 'invalid-config', message };
  }
  const { config } = configResult;
  if (!config.comment.enabled && !config.checks.enabled) {
    return { status: 'done', figures: 0, comment: null, checkRunId: null };
  }

  const head = await listCommitFigures(deps.figures, {
    repo: fullName,
    pullRequest: pull.number,
    commitSha: pull.headSha,
  });
  const baseSha = head.length === 0 ? null : await findBranchHead(octokit, repo, pull.baseRef);
  const base =
    baseSha === null ? [] : await listCommitFigures(deps.figures, { repo: fullName, commitSha: baseSha, maxPages: 5 });
  const rows = toFigureRows({ head, base, shellUrl: deps.shellUrl, zoneUrl: deps.zoneUrl });

  let comment: UpsertResult | null = null;
  if (config.comment.enabled) {
    const body = renderFiguresComment({
      key: config.comment.key,
      rows,
      headSha: pull.headSha,
      base: baseSha === null ? null : { ref: pull.baseRef, sha: baseSha },
    });
    comment = await deps.withLock(`${fullName}#${pull.number}:${config.comment.key}`, () =>
      upsertStickyComment({
        octokit,
        repo,
        issueNumber: pull.number,
        marker: toCommentMarker(config.comment.key),
        botLogin,
        body,
        // Before the workflow registered anything there is nothing to say: no empty comment.
        create: rows.length > 0,
      }),
    );
  }

  let checkRunId: number | null = null;
  const main = rows[0];
  if (config.checks.enabled && main !== undefined) {
    const { title, summary } = renderCheckSummary(rows);
    const run = await deps.withLock(`${fullName}@${pull.headSha}:${figuresCheckName}`, () =>
      upsertCheckRun({
        octokit,
        repo,
        headSha: pull.headSha,
        name: figuresCheckName,
        conclusion: 'success',
        title,
        summary,
        detailsUrl: main.url,
        appSlug,
      }),
    );
    checkRunId = run.id;
  }
  return { status: 'done', figures: rows.length, comment, checkRunId };
}
