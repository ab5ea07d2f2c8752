import { FigurlError } from '@figurl/sdk';
import { z } from 'zod';
import { type GitHubDeps, requestGitHub } from './github-request';

// "Authorizing OAuth apps", step 2: with Accept JSON the answer is JSON, and a refused code is
// still HTTP 200, with `error` and `error_description` instead of `access_token`.
const tokenAnswerSchema = z.union([
  z.object({ access_token: z.string().min(1) }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);

export interface OAuthCodeExchange {
  code: string;
  /** The redirect_uri the authorization used; GitHub checks they match. */
  redirectUri: string;
}

/**
 * Exchanges the code GitHub sent the browser back with for a user access token
 * (`POST <GITHUB_URL>/login/oauth/access_token`, client id and secret from the config). A code
 * GitHub refuses (used, expired, another app's) is UNAUTHORIZED with GitHub's description.
 */
export async function exchangeOAuthCode(deps: GitHubDeps, exchange: OAuthCodeExchange): Promise<string> {
  const { clientId, clientSecret, url } = deps.config.github;
  if (clientId === undefined || clientSecret === undefined) {
    throw new FigurlError(
      'UNAVAILABLE',
      'GitHub sign-in is not set up on this shell: GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET are needed',
    );
  }
  const response = await requestGitHub(deps, {
    url: `${url}/login/oauth/access_token`,
    method: 'POST',
    accept: 'application/json',
    body: { client_id: clientId, client_secret: clientSecret, code: exchange.code, redirect_uri: exchange.redirectUri },
    what: 'finishing sign-in',
  });
  if (!response.ok) {
    throw new FigurlError('UNAVAILABLE', `GitHub answered HTTP ${response.status} while finishing sign-in: try again`);
  }
  const parsed = tokenAnswerSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new FigurlError('UNAVAILABLE', 'GitHub answered the sign-in without a token: try again');
  if ('error' in parsed.data) {
    throw new FigurlError(
      'UNAUTHORIZED',
      `GitHub refused the sign-in code (${parsed.data.error}${parsed.data.error_description ? `: ${parsed.data.error_description}` : ''}): sign in again`,
    );
  }
  return parsed.data.access_token;
}
