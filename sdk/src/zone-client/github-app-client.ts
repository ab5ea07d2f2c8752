import { repoNameSchema } from '../schemas/figures.js';
import { type GitHubInstallation, githubInstallationSchema } from '../schemas/github-installation.js';
import { parseWith } from '../schemas/parse-with.js';
import { requestZoneJson } from './request-zone-json.js';
import type { ZoneConnection } from './send-zone-request.js';

/** What the zone knows of the figurl GitHub App (docs/protocol.md §5). Every method throws FigurlError. */
export interface GitHubAppClient {
  /**
   * `GET /api/v1/github/installation?repo=`: whether the App is installed on `repo`
   * (`owner/name`); `configured: false` when the zone has no App credentials. Needs the zone's
   * upload right; UNAVAILABLE when GitHub does not answer the zone.
   */
  getInstallation(repo: string): Promise<GitHubInstallation>;
}

/**
 * @example
 * const app = createGitHubAppClient(createZoneClient({ baseUrl, fetch, token }).connection);
 * const { installed, configured } = await app.getInstallation('octo/lab');
 */
export function createGitHubAppClient(connection: ZoneConnection): GitHubAppClient {
  return {
    getInstallation: (repo) =>
      requestZoneJson(
        connection,
        {
          what: 'get GitHub App installation',
          method: 'GET',
          path: 'api/v1/github/installation',
          query: { repo: parseWith(repoNameSchema, repo, 'repository') },
        },
        githubInstallationSchema,
      ),
  };
}
