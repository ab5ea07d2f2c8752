import type { GitHubConfig } from '@figurl/sdk';
import { parseRepoConfig, repoConfigPath } from '../config/parse-repo-config.js';
import { type GitHubClient, statusOf } from './github-client.js';

export type SnapshotTarget = { ok: true; branch: string; config: GitHubConfig } | { ok: false; message: string };

/**
 * Where a repository wants curation snapshots: `.github/figurl.yml` read from the default branch
 * only (a pull request cannot redirect them), its `curation.branch` (default: the default
 * branch) and `curation.path`. A bad file is `{ ok: false }` with the parser's message.
 *
 * @example
 * const target = await readSnapshotTarget(octokit, { owner: 'alice', repo: 'data' });
 * if (target.ok) target.branch; // 'main'
 */
export async function readSnapshotTarget(
  octokit: GitHubClient,
  where: { owner: string; repo: string },
): Promise<SnapshotTarget> {
  const { data: repository } = await octokit.request('GET /repos/{owner}/{repo}', where);
  const defaultBranch = String(repository.default_branch);
  let text: string | null = null;
  try {
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...where,
      path: repoConfigPath,
      ref: defaultBranch,
    });
    if (!Array.isArray(data) && data?.type === 'file' && typeof data.content === 'string') {
      text = Buffer.from(data.content, 'base64').toString('utf8');
    }
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  const parsed = parseRepoConfig(text);
  if (!parsed.ok) return parsed;
  return { ok: true, branch: parsed.config.curation.branch ?? defaultBranch, config: parsed.config };
}
