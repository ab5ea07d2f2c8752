import type { StandInAuth } from './route-table.js';
import type { Permission, StandInRepo, StandInState } from './state.js';

export interface RepoAccess {
  /** The user's role on the repository, whatever the token's scopes. */
  permission: Permission | null;
  read: boolean;
  write: boolean;
}

const writers: readonly Permission[] = ['push', 'maintain', 'admin'];

/**
 * What a caller may do with a repository under classic OAuth scopes ("Scopes for OAuth apps"):
 * anyone reads a public repository; a private one needs `repo` and a role; writing needs push
 * rights and `repo`, or `public_repo` for a public repository. Routes answer 404 where this says
 * no, as GitHub does rather than 403 ("Troubleshooting the REST API": 404 for an existing
 * repository).
 *
 * @example
 * toRepoAccess(state, repo, request.auth).write;
 */
export function toRepoAccess(state: StandInState, repo: StandInRepo, auth: StandInAuth | null): RepoAccess {
  const installation = auth?.installation ?? null;
  if (installation !== null) {
    // An installation token sees the installation's repositories only (others are 404) and
    // writes contents with `contents: write` ("Permissions required for GitHub Apps").
    const covered =
      repo.owner.id === installation.account.id &&
      (installation.repos === null || installation.repos.includes(repo.fullName.toLowerCase()));
    const write = covered && installation.permissions.contents === 'write';
    return { permission: covered ? (write ? 'push' : 'pull') : null, read: covered, write };
  }
  const permission = state.permissionOf(repo, auth?.user.login ?? null);
  const scopes = auth?.scopes ?? [];
  const repoScope = scopes.includes('repo') || (!repo.private && scopes.includes('public_repo'));
  return {
    permission,
    read: permission !== null && (!repo.private || scopes.includes('repo')),
    write: permission !== null && writers.includes(permission) && repoScope,
  };
}
