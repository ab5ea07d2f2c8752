import { findBranchHead } from './find-branch-head.js';
import { findFileSha } from './find-file-sha.js';
import { gitBlobSha } from './git-blob-sha.js';
import { type GitHubClient, messageOf, statusOf } from './github-client.js';

export interface SnapshotCommit {
  owner: string;
  repo: string;
  branch: string;
  path: string;
  /** The file's new text (UTF-8). */
  content: string;
  message: string;
}

export type CommitSnapshotResult =
  | { outcome: 'committed'; sha: string; attempts: number }
  | { outcome: 'unchanged'; head: string }
  /** GitHub refused the ref update for branch protection: the change needs a pull request. */
  | { outcome: 'protected'; reason: string };

/** A 422 on a ref update that branch protection, not a moved head, caused. */
const protectionRefusal = /protected branch|pull request|required status check|review/i;

/**
 * Writes one file to a branch in one commit through the git data API ("Multi-file commit"):
 * ref → blob → tree (on the head's tree) → commit (parent: the head) → ref update with
 * `force: false`. When someone pushed meanwhile, GitHub answers 422 (not a fast forward) and the
 * commit is rebuilt on the new head, up to `maxAttempts` times: nobody's push is overwritten and
 * the file ends as `content`. A file that already holds `content` is left alone (no empty
 * commits, so running again is harmless). Branch protection is reported, not fought.
 *
 * @example
 * const result = await commitSnapshot(octokit, { owner, repo, branch: 'main', path, content, message });
 * if (result.outcome === 'protected') // open a pull request instead
 */
export async function commitSnapshot(
  octokit: GitHubClient,
  file: SnapshotCommit,
  options: { maxAttempts?: number | undefined; sleep?: (ms: number) => Promise<void> } = {},
): Promise<CommitSnapshotResult> {
  const { owner, repo, branch, path } = file;
  const maxAttempts = options.maxAttempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const wanted = gitBlobSha(file.content);
  let blob: string | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const head = await findBranchHead(octokit, { owner, repo, branch });
    if (head === null) throw new Error(`${owner}/${repo} has no branch "${branch}" to commit ${path} to`);
    if ((await findFileSha(octokit, { owner, repo, ref: head, path })) === wanted)
      return { outcome: 'unchanged', head };
    // The blob does not depend on the head: uploaded once, reused on every attempt.
    blob ??= await createBlob(octokit, { owner, repo, content: file.content, wanted });
    const { data: parent } = await octokit.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', {
      owner,
      repo,
      commit_sha: head,
    });
    const { data: tree } = await octokit.request('POST /repos/{owner}/{repo}/git/trees', {
      owner,
      repo,
      base_tree: parent.tree.sha,
      tree: [{ path, mode: '100644', type: 'blob', sha: blob }],
    });
    const { data: commit } = await octokit.request('POST /repos/{owner}/{repo}/git/commits', {
      owner,
      repo,
      message: file.message,
      tree: tree.sha,
      parents: [head],
    });
    try {
      await octokit.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
        owner,
        repo,
        ref: `heads/${branch}`,
        sha: commit.sha,
        force: false,
      });
      return { outcome: 'committed', sha: String(commit.sha), attempts: attempt };
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      const reason = messageOf(error);
      if (protectionRefusal.test(reason)) return { outcome: 'protected', reason };
      // Not a fast forward: someone pushed between our read of the ref and its update.
      if (attempt < maxAttempts) await sleep(Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  }
  throw new Error(
    `${owner}/${repo}: ${branch} kept moving; ${path} not committed after ${maxAttempts} attempts (the next change retries)`,
  );
}

async function createBlob(
  octokit: GitHubClient,
  input: { owner: string; repo: string; content: string; wanted: string },
): Promise<string> {
  const { data } = await octokit.request('POST /repos/{owner}/{repo}/git/blobs', {
    owner: input.owner,
    repo: input.repo,
    content: input.content,
    encoding: 'utf-8',
  });
  if (data.sha !== input.wanted) {
    throw new Error(`GitHub stored the snapshot as blob ${data.sha}; expected ${input.wanted} for the same bytes`);
  }
  return String(data.sha);
}
