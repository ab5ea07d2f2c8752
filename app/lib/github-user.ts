import { FigurlError } from '@figurl/sdk';
import { z } from 'zod';
import { type GitHubDeps, requestGitHub } from './github-request';

// "Get the authenticated user": we need the login only.
const userSchema = z.object({ login: z.string().min(1) });

/**
 * The login a GitHub token belongs to (`GET /user`). A token GitHub refuses is UNAUTHORIZED;
 * GitHub out of reach is UNAVAILABLE.
 *
 * @example
 * const { login } = await getGitHubUser({ config, fetch }, token);
 */
export async function getGitHubUser(deps: GitHubDeps, token: string): Promise<{ login: string }> {
  const response = await requestGitHub(deps, { url: '/user', token, what: 'checking the token' });
  if (response.status === 401 || response.status === 403) {
    throw new FigurlError(
      'UNAUTHORIZED',
      'GitHub did not accept the token: check that it was copied whole and has not expired or been revoked',
    );
  }
  if (!response.ok) {
    throw new FigurlError('UNAVAILABLE', `GitHub answered HTTP ${response.status} to GET /user: try again in a moment`);
  }
  const parsed = userSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new FigurlError('UNAVAILABLE', 'GitHub answered GET /user without a login: try again');
  return { login: parsed.data.login };
}
