import { gateRepo } from './gate-repo.js';
import { toErrorResponse } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import type { Permission } from './state.js';
import { toSimpleUser } from './to-simple-user.js';

const docs = {
  protection: 'https://docs.github.com/rest/branches/branch-protection#get-branch-protection',
  permission: 'https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user',
} as const;

/** `admin|write|read|none` and the role name, as "Get repository permissions for a user" maps roles. */
const byRole: Record<Permission, { permission: string; roleName: string }> = {
  admin: { permission: 'admin', roleName: 'admin' },
  maintain: { permission: 'write', roleName: 'maintain' },
  push: { permission: 'write', roleName: 'write' },
  triage: { permission: 'read', roleName: 'triage' },
  pull: { permission: 'read', roleName: 'read' },
};

/** Branch protection (read) and a collaborator's permission level. */
export function protectionRoutes({ state, baseUrl, records }: RouteContext): Route[] {
  // "Get branch protection": admins (or `administration: read`) only; 404 "Branch not protected".
  function getProtection(request: StandInRequest): StandInResponse {
    const gated = gateRepo(state, request, {
      permission: 'administration',
      access: 'read',
      user: 'admin',
      docsUrl: docs.protection,
    });
    if ('status' in gated) return gated;
    const branch = request.params.branch ?? '';
    if (state.findHead(gated.repo, branch) === null) return toErrorResponse(404, 'Branch not found', docs.protection);
    const protection = records.findProtection(gated.repo, branch);
    if (protection === null) return toErrorResponse(404, 'Branch not protected', docs.protection);
    const url = `${baseUrl}/repos/${gated.repo.fullName}/branches/${encodeURIComponent(branch)}/protection`;
    return {
      status: 200,
      json: {
        url,
        ...(protection.requirePullRequest
          ? {
              required_pull_request_reviews: {
                url: `${url}/required_pull_request_reviews`,
                dismiss_stale_reviews: false,
                require_code_owner_reviews: false,
                require_last_push_approval: false,
                required_approving_review_count: 0,
              },
            }
          : {}),
        enforce_admins: { url: `${url}/enforce_admins`, enabled: protection.enforceAdmins },
        required_linear_history: { enabled: false },
        allow_force_pushes: { enabled: false },
        allow_deletions: { enabled: false },
        block_creations: { enabled: false },
        required_conversation_resolution: { enabled: false },
        lock_branch: { enabled: false },
        allow_fork_syncing: { enabled: false },
      },
    };
  }

  // "Get repository permissions for a user": `permission` is admin|write|read|none, `role_name`
  // the role; 404 for an unknown user. On a public repository everyone may read, so GitHub
  // answers `read` for a user who is no collaborator at all.
  function getPermission(request: StandInRequest): StandInResponse {
    const gated = gateRepo(state, request, {
      permission: 'metadata',
      access: 'read',
      user: 'read',
      docsUrl: docs.permission,
    });
    if ('status' in gated) return gated;
    const user = state.findUser(request.params.username ?? '');
    if (user === null) return toErrorResponse(404, 'Not Found', docs.permission);
    const role = state.permissionOf(gated.repo, user.login) ?? (gated.repo.private ? null : 'pull');
    const mapped = role === null ? { permission: 'none', roleName: 'none' } : byRole[role];
    const flags = {
      admin: mapped.permission === 'admin',
      maintain: role === 'admin' || role === 'maintain',
      push: mapped.permission === 'admin' || mapped.permission === 'write',
      triage: role !== null && role !== 'pull',
      pull: role !== null,
    };
    return {
      status: 200,
      json: {
        permission: mapped.permission,
        role_name: mapped.roleName,
        user: { ...toSimpleUser(user, baseUrl), permissions: flags, role_name: mapped.roleName },
      },
    };
  }

  return [
    { method: 'GET', path: '/repos/:owner/:repo/branches/:branch/protection', host: 'api', handle: getProtection },
    {
      method: 'GET',
      path: '/repos/:owner/:repo/collaborators/:username/permission',
      host: 'api',
      handle: getPermission,
    },
  ];
}
