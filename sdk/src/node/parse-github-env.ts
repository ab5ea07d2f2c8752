import { z } from 'zod';
import type { GitHubContext } from '../figures/figurl-context.js';
import { commitShaSchema, repoNameSchema } from '../schemas/figures.js';
import { parseWith } from '../schemas/parse-with.js';

const gitHubEnvSchema = z.object({
  GITHUB_REPOSITORY: repoNameSchema.optional(),
  GITHUB_SHA: commitShaSchema.optional(),
  GITHUB_REF: z.string().optional(),
});

/**
 * Where GitHub Actions runs this job, from its default variables: `GITHUB_REPOSITORY`,
 * `GITHUB_SHA`, and the pull request number from `GITHUB_REF` (`refs/pull/<n>/merge` in
 * `pull_request` workflows). Undefined outside GitHub Actions (no GITHUB_REPOSITORY); a bad
 * value is INVALID_REQUEST naming the variable.
 *
 * @example
 * parseGitHubEnv({ GITHUB_REPOSITORY: 'octo/lab', GITHUB_REF: 'refs/pull/12/merge', GITHUB_SHA: sha });
 * // { repo: 'octo/lab', pullRequest: 12, commitSha: sha }
 */
export function parseGitHubEnv(env: Record<string, string | undefined>): GitHubContext | undefined {
  const set = (name: string) => (env[name] === '' ? undefined : env[name]);
  const parsed = parseWith(
    gitHubEnvSchema,
    { GITHUB_REPOSITORY: set('GITHUB_REPOSITORY'), GITHUB_SHA: set('GITHUB_SHA'), GITHUB_REF: set('GITHUB_REF') },
    'environment',
  );
  if (parsed.GITHUB_REPOSITORY === undefined) return undefined;
  const pull = /^refs\/pull\/([1-9][0-9]{0,9})\/(?:merge|head)$/.exec(parsed.GITHUB_REF ?? '')?.[1];
  const pullRequest = pull === undefined ? undefined : Number(pull);
  return {
    repo: parsed.GITHUB_REPOSITORY,
    ...(pullRequest === undefined || pullRequest > 2_147_483_647 ? {} : { pullRequest }),
    ...(parsed.GITHUB_SHA === undefined ? {} : { commitSha: parsed.GITHUB_SHA }),
  };
}
