import { type GitHubClient, messageOf, statusOf } from './github-client.js';

export interface SnapshotPullRequest {
  owner: string;
  repo: string;
  /** Our branch (`figurl/curation-<id>`). */
  head: string;
  /** The protected branch it merges into. */
  base: string;
  title: string;
  body: string;
}

/**
 * The one open pull request from `head` into `base`: found first (`GET /pulls?head=owner:branch
 * &state=open`) and retitled, else opened; a 422 "A pull request already exists" (someone opened
 * it meanwhile) finds it again. Returns its number.
 *
 * @example
 * await openSnapshotPullRequest(octokit, { owner, repo, head: 'figurl/curation-x', base: 'main', title, body });
 */
export async function openSnapshotPullRequest(octokit: GitHubClient, pr: SnapshotPullRequest): Promise<number> {
  const find = async (): Promise<number | null> => {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/pulls', {
      owner: pr.owner,
      repo: pr.repo,
      head: `${pr.owner}:${pr.head}`,
      base: pr.base,
      state: 'open',
      per_page: 100,
    });
    const found = (data as Array<{ number: number; head?: { ref?: string } }>).find((p) => p.head?.ref === pr.head);
    return found?.number ?? null;
  };
  const existing = await find();
  if (existing !== null) {
    await octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner: pr.owner,
      repo: pr.repo,
      pull_number: existing,
      title: pr.title,
      body: pr.body,
    });
    return existing;
  }
  try {
    const { data } = await octokit.request('POST /repos/{owner}/{repo}/pulls', {
      owner: pr.owner,
      repo: pr.repo,
      head: pr.head,
      base: pr.base,
      title: pr.title,
      body: pr.body,
      maintainer_can_modify: true,
    });
    return Number(data.number);
  } catch (error) {
    if (statusOf(error) === 422 && /already exists/i.test(messageOf(error))) {
      const raced = await find();
      if (raced !== null) return raced;
    }
    throw error;
  }
}
