import type { FigureRecord } from '@figurl/sdk';
import type { Actor } from '../auth/authorize.js';
import { findReadableRepos } from '../auth/find-readable-repos.js';
import type { RepoPermissions } from '../github/repo-permissions.js';

/**
 * Whether `actor` may see a figure's record: public figures are seen by anyone who may download
 * from the zone, private ones by the owner, allowed users, the zone's admins and — when the zone
 * has the GitHub App — whoever GitHub says may read the figure's `repo` (docs/protocol.md §7).
 */
export async function canSeeFigure(
  figure: FigureRecord,
  actor: Actor,
  options: { isAdmin: boolean; repoPermissions: RepoPermissions | undefined },
): Promise<boolean> {
  if (!figure.private || options.isAdmin) return true;
  if (actor.via === 'anonymous') return false;
  if (figure.owner === actor.userId || figure.allowedUsers.includes(actor.userId)) return true;
  return (await findReadableRepos(options.repoPermissions, actor.userId, [figure.repo])).size > 0;
}
