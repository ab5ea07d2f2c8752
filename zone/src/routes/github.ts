import { githubInstallationQuerySchema, githubInstallationSchema, parseWith } from '@figurl/sdk';
import type { FastifyInstance } from 'fastify';
import { authorizeRequest } from '../auth/authorize-request.js';
import type { ZoneContext } from '../zone-context.js';

/**
 * What the zone knows of the figurl GitHub App (docs/protocol.md §5).
 * `GET /api/v1/github/installation?repo=` answers whether the App is installed on a repository:
 * asking GitHub needs an App JWT, which a workflow's GITHUB_TOKEN is not, so the Action asks the
 * zone (with its zone token: the upload right) before leaving the pull request comment to the
 * App. Without the App's credentials the answer is `configured: false`; GitHub not answering
 * is UNAVAILABLE.
 */
export async function githubRoutes(app: FastifyInstance, context: ZoneContext): Promise<void> {
  app.get('/api/v1/github/installation', async (request) => {
    const { zone, repo } = parseWith(githubInstallationQuerySchema, request.query, 'query');
    await authorizeRequest(context, request, zone, 'upload');
    const permissions = context.repoPermissions;
    if (permissions === undefined) return githubInstallationSchema.parse({ repo, installed: false, configured: false });
    const installed = await permissions.isInstalled(repo);
    return githubInstallationSchema.parse({ repo, installed, configured: true });
  });
}
