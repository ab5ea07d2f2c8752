import type { AppPermissions } from './github-apps.js';
import { toErrorResponse } from './responses.js';
import type { Route, RouteContext, StandInRequest, StandInResponse } from './route-table.js';
import { toGitHubDate } from './state.js';
import { toAppObject, toInstallationObject, toMinimalRepo } from './to-app-objects.js';

const docs = {
  getApp: 'https://docs.github.com/rest/apps/apps#get-the-authenticated-app',
  listInstallations: 'https://docs.github.com/rest/apps/apps#list-installations-for-the-authenticated-app',
  getInstallation: 'https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app',
  createToken: 'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app',
  repoInstallation: 'https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app',
} as const;

/**
 * Endpoints a GitHub App calls with its JWT ("Authenticating as a GitHub App"): GET /app,
 * installations, and POST /app/installations/{id}/access_tokens, which mints a `ghs_` token
 * acting as `<slug>[bot]`.
 */
export function appRoutes({ state, baseUrl, apps }: RouteContext): Route[] {
  // Endpoints that take a JWT answer 401 to anything else; the message GitHub gives a PAT here.
  const needsJwt = (url: string) => toErrorResponse(401, 'A JSON web token could not be decoded', url);

  function getApp({ app }: StandInRequest): StandInResponse {
    if (app === null) return needsJwt(docs.getApp);
    const count = [...apps.installations.values()].filter((i) => i.app === app).length;
    return { status: 200, json: toAppObject(app, baseUrl, count) };
  }

  function listInstallations({ app }: StandInRequest): StandInResponse {
    if (app === null) return needsJwt(docs.listInstallations);
    const mine = [...apps.installations.values()].filter((i) => i.app === app);
    return { status: 200, json: mine.map((i) => toInstallationObject(i, baseUrl)) };
  }

  function getInstallation({ app, params }: StandInRequest): StandInResponse {
    if (app === null) return needsJwt(docs.getInstallation);
    const installation = apps.installations.get(Number(params.id));
    if (installation === undefined || installation.app !== app) {
      return toErrorResponse(404, 'Not Found', docs.getInstallation);
    }
    return { status: 200, json: toInstallationObject(installation, baseUrl) };
  }

  function getRepoInstallation({ app, params }: StandInRequest): StandInResponse {
    if (app === null) return needsJwt(docs.repoInstallation);
    const repo = state.findRepo(`${params.owner}/${params.repo}`);
    const installation =
      repo === null ? undefined : [...apps.installations.values()].find((i) => i.app === app && apps.covers(i, repo));
    if (installation === undefined) return toErrorResponse(404, 'Not Found', docs.repoInstallation);
    return { status: 200, json: toInstallationObject(installation, baseUrl) };
  }

  // "Create an installation access token for an app": 201 { token, expires_at, permissions,
  // repository_selection[, repositories] }; `repositories`/`repository_ids` and `permissions`
  // narrow the token, 422 when they ask for more than the installation has.
  function createAccessToken({ app, params, body }: StandInRequest): StandInResponse {
    if (app === null) return needsJwt(docs.createToken);
    const installation = apps.installations.get(Number(params.id));
    if (installation === undefined || installation.app !== app) {
      return toErrorResponse(404, 'Not Found', docs.createToken);
    }
    let input: { repositories?: unknown; repository_ids?: unknown; permissions?: unknown } = {};
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return toErrorResponse(400, 'Problems parsing JSON', docs.createToken);
      }
    }
    const covered = [...state.repos.values()].filter((repo) => apps.covers(installation, repo));
    const names = Array.isArray(input.repositories) ? input.repositories.map(String) : null;
    const ids = Array.isArray(input.repository_ids) ? input.repository_ids.map(Number) : null;
    const chosen =
      names === null && ids === null
        ? null
        : covered.filter((repo) => names?.includes(repo.name) === true || ids?.includes(repo.id) === true);
    if (chosen !== null && chosen.length !== (names?.length ?? 0) + (ids?.length ?? 0)) {
      return toErrorResponse(
        422,
        'There is at least one repository that does not exist or is not accessible to the parent installation.',
        docs.createToken,
      );
    }
    const requested = (input.permissions ?? undefined) as AppPermissions | undefined;
    if (requested !== undefined) {
      const exceeds = Object.entries(requested).some(([name, level]) => {
        const granted = installation.permissions[name];
        return granted === undefined || (level === 'write' && granted !== 'write');
      });
      if (exceeds) {
        return toErrorResponse(
          422,
          'The permissions requested are not granted to this installation.',
          docs.createToken,
        );
      }
    }
    const minted = apps.issueInstallationToken(installation.id, {
      ...(requested === undefined ? {} : { permissions: { metadata: 'read', ...requested } }),
      ...(chosen === null ? {} : { repos: chosen.map((repo) => repo.fullName) }),
    });
    const repos = chosen ?? (installation.repos === null ? null : covered);
    return {
      status: 201,
      json: {
        token: minted.token,
        expires_at: toGitHubDate(minted.expiresAt),
        permissions: minted.installation.permissions,
        repository_selection: repos === null ? 'all' : 'selected',
        ...(repos === null ? {} : { repositories: repos.map((repo) => toMinimalRepo(repo, baseUrl)) }),
      },
    };
  }

  return [
    { method: 'GET', path: '/app', host: 'api', handle: getApp },
    { method: 'GET', path: '/app/installations', host: 'api', handle: listInstallations },
    { method: 'GET', path: '/app/installations/:id', host: 'api', handle: getInstallation },
    { method: 'POST', path: '/app/installations/:id/access_tokens', host: 'api', handle: createAccessToken },
    { method: 'GET', path: '/repos/:owner/:repo/installation', host: 'api', handle: getRepoInstallation },
  ];
}
