import { type CurationClient, savedCurationJson } from '@figurl/sdk';
import { collectCurators } from './collect-curators.js';
import type { GitHubClient } from './github-client.js';
import { publishSnapshot } from './publish-snapshot.js';
import { readSnapshotTarget } from './read-snapshot-target.js';
import { toSnapshotBranch } from './to-snapshot-branch.js';
import { toSnapshotMessage } from './to-snapshot-message.js';
import { toSnapshotPath } from './to-snapshot-path.js';

export type SnapshotOutcome =
  | { curationId: string; outcome: 'committed' | 'unchanged'; version: number; repo: string; path: string }
  | { curationId: string; outcome: 'pull-request'; version: number; repo: string; path: string; pullNumber: number }
  /** Not linked to a repository, already handled, or the repository's config is invalid. */
  | { curationId: string; outcome: 'skipped'; reason: string };

export interface SnapshotCurationDeps {
  /** The zone's curations, read with a zone admin token. */
  curations: Pick<CurationClient, 'get' | 'readActions'>;
  /** An installation-authenticated client for a repository (the App's, or a test token's). */
  octokitFor(repo: { owner: string; repo: string }): Promise<GitHubClient>;
  maxAttempts?: number;
}

/**
 * Brings one curation's snapshot up to date: reads its current state and version from the zone,
 * and — when it has an `editRepo` and a version above `handledVersion` — commits
 * `savedCurationJson(state)` to the repository's configured path and branch (or a pull request
 * when the branch is protected), naming the curators of the actions since `handledVersion`.
 * Always the zone's latest state, whichever event woke it: a burst of changes is one commit.
 *
 * @example
 * await snapshotCuration({ curations, octokitFor }, 'abcdefghijkl', 11);
 */
export async function snapshotCuration(
  deps: SnapshotCurationDeps,
  curationId: string,
  handledVersion: number,
): Promise<SnapshotOutcome> {
  const info = await deps.curations.get(curationId);
  if (info.editRepo === null) return { curationId, outcome: 'skipped', reason: 'no editRepo' };
  if (info.version <= handledVersion) {
    return { curationId, outcome: 'skipped', reason: `version ${info.version} already handled` };
  }
  const [owner = '', repo = ''] = info.editRepo.split('/');
  const octokit = await deps.octokitFor({ owner, repo });
  const target = await readSnapshotTarget(octokit, { owner, repo });
  if (!target.ok) return { curationId, outcome: 'skipped', reason: target.message };
  const path = toSnapshotPath(target.config.curation.path, curationId);
  const curators = await collectCurators(deps.curations, curationId, { from: handledVersion, to: info.version });
  const message = toSnapshotMessage({ curationId, version: info.version, curators });
  const result = await publishSnapshot(
    octokit,
    {
      owner,
      repo,
      branch: target.branch,
      path,
      content: savedCurationJson(info.state),
      message,
      pullRequestBranch: toSnapshotBranch(curationId),
      pullRequest: {
        title: `figurl: curation ${curationId} v${info.version}`,
        body: [
          `Snapshot of figurl curation \`${curationId}\` (version ${info.version}) at \`${path}\`.`,
          curators.length > 0 ? `Curated by ${curators.join(', ')}.` : '',
          `\`${target.branch}\` is protected, so the figurl app proposes the change here; later changes update this pull request.`,
        ]
          .filter((line) => line !== '')
          .join('\n\n'),
      },
    },
    { maxAttempts: deps.maxAttempts },
  );
  const where = { curationId, version: info.version, repo: info.editRepo, path };
  if (result.outcome === 'pull-request') return { ...where, outcome: 'pull-request', pullNumber: result.pullNumber };
  return { ...where, outcome: result.outcome };
}
