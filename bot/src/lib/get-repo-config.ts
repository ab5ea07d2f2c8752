import { parseRepoConfig, type RepoConfigResult, repoConfigPath } from '../config/parse-repo-config.js';
import type { Octokit, RepoRef } from './bot-deps.js';

/** Larger files are refused rather than parsed: settings are a few lines. */
const maxConfigBytes = 64 * 1024;

/**
 * The repository's `.github/figurl.yml` from its default branch (the contents API without
 * `ref`), parsed and validated; defaults when there is no such file. Config from pull request
 * branches and forks is never read, as Probot's `context.config` also refuses it.
 *
 * @example
 * const result = await getRepoConfig(octokit, { owner: 'octo', repo: 'lab' });
 */
export async function getRepoConfig(octokit: Octokit, repo: RepoRef): Promise<RepoConfigResult> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ ...repo, path: repoConfigPath }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return parseRepoConfig(null);
    throw error;
  }
  const file = data as { type?: string; size?: number; encoding?: string; content?: string };
  if (Array.isArray(data) || file.type !== 'file') {
    return { ok: false, message: `invalid ${repoConfigPath}: expected a file, found a ${file.type ?? 'folder'}` };
  }
  if ((file.size ?? 0) > maxConfigBytes) {
    return { ok: false, message: `invalid ${repoConfigPath}: ${file.size} bytes, expected at most ${maxConfigBytes}` };
  }
  const text = Buffer.from(file.content ?? '', file.encoding === 'base64' ? 'base64' : 'utf8').toString('utf8');
  return parseRepoConfig(text);
}
