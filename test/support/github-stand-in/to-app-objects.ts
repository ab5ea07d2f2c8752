import type { StandInGitHubApp, StandInInstallation } from './github-apps.js';
import type { StandInRepo } from './state.js';
import { toSimpleUser } from './to-simple-user.js';

/**
 * The "integration" object (GET /app, `performed_via_github_app`, a check run's `app`).
 *
 * @example
 * toAppObject(app, baseUrl).slug; // 'figurl'
 */
export function toAppObject(app: StandInGitHubApp, baseUrl: string, installationsCount?: number) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: app.nodeId,
    client_id: app.clientId,
    owner: toSimpleUser(app.owner, baseUrl),
    name: app.name,
    description: '',
    external_url: `${baseUrl}/apps/${app.slug}`,
    html_url: `${baseUrl}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: app.permissions,
    events: app.events,
    ...(installationsCount === undefined ? {} : { installations_count: installationsCount }),
  };
}

/** The "installation" object (GET /app/installations, GET /repos/{o}/{r}/installation). */
export function toInstallationObject(installation: StandInInstallation, baseUrl: string) {
  return {
    id: installation.id,
    account: toSimpleUser(installation.account, baseUrl),
    repository_selection: installation.repos === null ? 'all' : 'selected',
    access_tokens_url: `${baseUrl}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${baseUrl}/installation/repositories`,
    html_url: `${baseUrl}/settings/installations/${installation.id}`,
    app_id: installation.app.id,
    app_slug: installation.app.slug,
    target_id: installation.account.id,
    target_type: installation.account.type === 'Bot' ? 'User' : installation.account.type,
    permissions: installation.permissions,
    events: installation.app.events,
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

/** The "repository" object in an access-token answer's `repositories` (the fields clients read). */
export function toMinimalRepo(repo: StandInRepo, baseUrl: string) {
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: toSimpleUser(repo.owner, baseUrl),
    html_url: `${baseUrl}/${repo.fullName}`,
    url: `${baseUrl}/repos/${repo.fullName}`,
    default_branch: repo.defaultBranch,
  };
}
