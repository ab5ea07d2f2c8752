import { type RepoAccess, toRepoAccess } from './repo-access.js';
import { toErrorResponse } from './responses.js';
import type { StandInRequest, StandInResponse } from './route-table.js';
import type { StandInRepo, StandInState } from './state.js';

export interface GateRule {
  /** The GitHub App permission the endpoint needs ("Permissions required for GitHub Apps"). */
  permission: 'issues' | 'pull_requests' | 'contents' | 'checks' | 'administration' | 'metadata';
  access: 'read' | 'write';
  /**
   * What a user token needs on top of seeing the repository: `read` (anyone who can see it, e.g.
   * to comment), `write` (push rights), `admin`, or `app` (refused: "You must authenticate via a
   * GitHub App.", as the Checks API answers user tokens).
   */
  user: 'read' | 'write' | 'admin' | 'app';
  docsUrl: string;
}

/**
 * The repository named by `:owner/:repo` when the caller may use the endpoint, else GitHub's
 * answer: 404 when the caller cannot see it (or lacks a user role or OAuth scope, which GitHub
 * hides), 401 for an anonymous write, 403 "Resource not accessible by integration" for an
 * installation token beyond its permissions.
 *
 * @example
 * const gate = gateRepo(state, request, { permission: 'issues', access: 'write', user: 'read', docsUrl });
 * if ('status' in gate) return gate;
 */
export function gateRepo(
  state: StandInState,
  request: StandInRequest,
  rule: GateRule,
): { repo: StandInRepo; access: RepoAccess } | StandInResponse {
  const { auth } = request;
  const repo = state.findRepo(`${request.params.owner}/${request.params.repo}`);
  const access = repo === null ? null : toRepoAccess(state, repo, auth);
  if (repo === null || access === null || !access.read) return toErrorResponse(404, 'Not Found', rule.docsUrl);
  if (rule.access === 'read' && rule.user !== 'admin') return { repo, access };
  if (auth === null) return toErrorResponse(401, 'Requires authentication', rule.docsUrl);
  const installation = auth.installation;
  if (installation !== null) {
    const granted = installation.permissions[rule.permission];
    const enough = granted === 'write' || (rule.access === 'read' && granted === 'read');
    return enough ? { repo, access } : toErrorResponse(403, 'Resource not accessible by integration', rule.docsUrl);
  }
  if (rule.user === 'app') return toErrorResponse(403, 'You must authenticate via a GitHub App.', rule.docsUrl);
  const repoScope = auth.scopes.includes('repo') || (!repo.private && auth.scopes.includes('public_repo'));
  const allowed =
    repoScope && (rule.user === 'read' || (rule.user === 'write' ? access.write : access.permission === 'admin'));
  return allowed ? { repo, access } : toErrorResponse(404, 'Not Found', rule.docsUrl);
}
