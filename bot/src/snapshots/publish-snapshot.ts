import { commitSnapshot, type SnapshotCommit } from './commit-snapshot.js';
import { findBranchHead } from './find-branch-head.js';
import { findFileSha } from './find-file-sha.js';
import { gitBlobSha } from './git-blob-sha.js';
import { type GitHubClient, messageOf, statusOf } from './github-client.js';
import { isPullRequestRequired } from './is-pull-request-required.js';
import { openSnapshotPullRequest } from './open-snapshot-pull-request.js';

export interface PublishSnapshotInput extends SnapshotCommit {
  /** The branch of the pull request when `branch` is protected (`figurl/curation-<id>`). */
  pullRequestBranch: string;
  /** Title and body of that pull request. */
  pullRequest: { title: string; body: string };
}

export type PublishSnapshotResult =
  | { outcome: 'committed'; sha: string; attempts: number }
  | { outcome: 'unchanged' }
  | { outcome: 'pull-request'; pullNumber: number; sha: string | null };

/**
 * Puts a snapshot on `branch` in one commit, or — when the branch is protected — on
 * `pullRequestBranch` (made from `branch`'s head when missing) with one open pull request into
 * `branch`, updated on every later change. Nothing is committed when the file already holds the
 * content (on `branch`, or on the pull request's branch).
 *
 * @example
 * await publishSnapshot(octokit, { owner, repo, branch: 'main', path, content, message,
 *   pullRequestBranch: 'figurl/curation-x', pullRequest: { title, body } });
 */
export async function publishSnapshot(
  octokit: GitHubClient,
  input: PublishSnapshotInput,
  options: { maxAttempts?: number | undefined } = {},
): Promise<PublishSnapshotResult> {
  const { owner, repo, branch } = input;
  if (!(await isPullRequestRequired(octokit, { owner, repo, branch }))) {
    const result = await commitSnapshot(octokit, input, options);
    if (result.outcome === 'committed') return result;
    if (result.outcome === 'unchanged') return { outcome: 'unchanged' };
  } else {
    const head = await findBranchHead(octokit, { owner, repo, branch });
    if (head === null) throw new Error(`${owner}/${repo} has no branch "${branch}" to commit ${input.path} to`);
    const onBase = await findFileSha(octokit, { owner, repo, ref: head, path: input.path });
    if (onBase === gitBlobSha(input.content)) return { outcome: 'unchanged' };
  }
  await ensureBranch(octokit, { owner, repo, branch: input.pullRequestBranch, from: branch });
  const result = await commitSnapshot(octokit, { ...input, branch: input.pullRequestBranch }, options);
  if (result.outcome === 'protected') {
    throw new Error(`${owner}/${repo}: branch ${input.pullRequestBranch} is protected too: ${result.reason}`);
  }
  const pullNumber = await openSnapshotPullRequest(octokit, {
    owner,
    repo,
    head: input.pullRequestBranch,
    base: branch,
    ...input.pullRequest,
  });
  return { outcome: 'pull-request', pullNumber, sha: result.outcome === 'committed' ? result.sha : null };
}

/** Creates `branch` at `from`'s head unless it exists; a concurrent creation is fine. */
async function ensureBranch(
  octokit: GitHubClient,
  where: { owner: string; repo: string; branch: string; from: string },
): Promise<void> {
  const { owner, repo } = where;
  if ((await findBranchHead(octokit, { owner, repo, branch: where.branch })) !== null) return;
  const base = await findBranchHead(octokit, { owner, repo, branch: where.from });
  if (base === null) throw new Error(`${owner}/${repo} has no branch "${where.from}"`);
  try {
    await octokit.request('POST /repos/{owner}/{repo}/git/refs', {
      owner,
      repo,
      ref: `refs/heads/${where.branch}`,
      sha: base,
    });
  } catch (error) {
    if (statusOf(error) === 422 && /already exists/i.test(messageOf(error))) return;
    throw error;
  }
}
