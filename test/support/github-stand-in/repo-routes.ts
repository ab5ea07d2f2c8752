import { toRepoAccess } from './repo-access.js';
import { docs, toErrorResponse } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import { type Permission, permissions } from './state.js';
import { toMinimalRepo } from './to-app-objects.js';

/** Repository metadata: GET /repos/{owner}/{repo}. */
export function repoRoutes({ state, baseUrl }: RouteContext): Route[] {
  // "Get a repository" (REST, Repositories): the full-repository object (the fields clients use);
  // `permissions` only for an authenticated caller; a private repository the caller cannot
  // read is 404, as GitHub hides it.
  function getRepository({ params, auth }: StandInRequest): StandInResponse {
    const repo = state.findRepo(`${params.owner}/${params.repo}`);
    const access = repo === null ? null : toRepoAccess(state, repo, auth);
    if (repo === null || access === null || !access.read) return toErrorResponse(404, 'Not Found', docs.getRepository);
    const api = `${baseUrl}/repos/${repo.fullName}`;
    const pushedAt = [...repo.branches.values()]
      .map((log) => log.at(-1)?.committer.date ?? repo.createdAt)
      .sort()
      .at(-1);
    return {
      status: 200,
      json: {
        ...toMinimalRepo(repo, baseUrl),
        description: null,
        fork: false,
        branches_url: `${api}/branches{/branch}`,
        commits_url: `${api}/commits{/sha}`,
        contents_url: `${api}/contents/{+path}`,
        git_commits_url: `${api}/git/commits{/sha}`,
        created_at: repo.createdAt,
        updated_at: pushedAt,
        pushed_at: pushedAt,
        archived: false,
        disabled: false,
        visibility: repo.private ? 'private' : 'public',
        ...(auth === null ? {} : { permissions: toPermissionFlags(access.permission) }),
      },
    };
  }

  return [{ method: 'GET', path: '/repos/:owner/:repo', host: 'api', handle: getRepository }];
}

/** `{ admin, maintain, push, triage, pull }`: each role includes the weaker ones. */
function toPermissionFlags(permission: Permission | null): Record<Permission, boolean> {
  const rank = permission === null ? -1 : permissions.indexOf(permission);
  const flags = Object.fromEntries(permissions.map((role, i) => [role, i <= rank]));
  return flags as Record<Permission, boolean>;
}
