import { createPrivateKey, type KeyObject, sign } from 'node:crypto';

/**
 * The JSON Web Token a GitHub App authenticates as itself with ("Generating a JSON Web Token
 * (JWT) for a GitHub App"): RS256, `iss` the App's id, `iat` 60 s in the past (clock drift),
 * `exp` 9 minutes ahead (GitHub refuses more than 10). Written with node:crypto: the zone has no
 * Octokit dependency, and this is the whole of what `@octokit/auth-app` does for the JWT.
 *
 * @example
 * const jwt = createAppJwt({ appId: '123', privateKey: pem, now: Date.now() });
 * // Authorization: Bearer <jwt>
 */
export function createAppJwt(options: { appId: string; privateKey: string | KeyObject; now: number }): string {
  const key = typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
  const seconds = Math.floor(options.now / 1000);
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(JSON.stringify({ iat: seconds - 60, exp: seconds + 540, iss: options.appId }));
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`), key).toString('base64url');
  return `${header}.${claims}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
