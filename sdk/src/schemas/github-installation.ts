import { z } from 'zod';
import { repoNameSchema } from './figures.js';
import { zoneQuerySchema } from './zone-api.js';

/*
 * `GET /api/v1/github/installation?repo=owner/name` (docs/protocol.md §5): whether the figurl
 * GitHub App is installed on a repository, as the zone finds out with the App's credentials. A
 * workflow's GITHUB_TOKEN cannot ask GitHub this itself (the call needs an App JWT), so the
 * Action asks the zone before deciding who comments on a pull request.
 */

export const githubInstallationQuerySchema = zoneQuerySchema.extend({ repo: repoNameSchema });
export type GitHubInstallationQuery = z.infer<typeof githubInstallationQuerySchema>;

export const githubInstallationSchema = z.strictObject({
  /** The repository asked about, as given. */
  repo: repoNameSchema,
  /** The App is installed on the repository; always false when `configured` is false. */
  installed: z.boolean(),
  /** The zone was given the App's credentials; false: it cannot tell, ask GitHub some other way. */
  configured: z.boolean(),
});
export type GitHubInstallation = z.infer<typeof githubInstallationSchema>;
