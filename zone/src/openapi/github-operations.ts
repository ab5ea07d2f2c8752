import { githubInstallationQuerySchema, githubInstallationSchema } from '@figurl/sdk';
import { uploadRight } from './errors.js';
import type { Operation } from './operation.js';

/** What the zone knows of the figurl GitHub App (docs/protocol.md §5, routes/github.ts). */
export const githubOperations: Operation[] = [
  {
    method: 'GET',
    path: '/api/v1/github/installation',
    operationId: 'getGitHubAppInstallation',
    tag: 'github',
    summary: 'Whether the figurl GitHub App is installed on a repository (configured: false without App credentials)',
    query: githubInstallationQuerySchema,
    parameterNotes: { repo: 'the repository, owner/name' },
    responses: { 200: { description: 'the answer, never 404 for a repository', json: githubInstallationSchema } },
    // GitHub not answering the zone is UNAVAILABLE (503), among the server errors every route has.
    errors: { ...uploadRight, INVALID_REQUEST: 'a bad query (repo is not owner/name)' },
  },
];
