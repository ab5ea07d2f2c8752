import { createHash, randomBytes } from 'node:crypto';
import { FigurlError } from '@figurl/sdk';
import type { IdentityRepository } from '../repositories/identity-repository.js';
import { type Actor, anonymous } from './authorize.js';

/** Tokens are stored as the SHA-256 of their text; the text is shown once, at creation. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new token's text: 32 random bytes; the prefix makes leaked tokens easy to find with secret scanners. */
export function newTokenText(): string {
  return `fzt_${randomBytes(32).toString('base64url')}`;
}

/**
 * The actor behind an `Authorization` header: none → anonymous; `Bearer <token>` → the token's
 * user, unless the token is unknown, revoked or expired (`UNAUTHORIZED`, never saying which).
 */
export async function resolveToken(
  identities: IdentityRepository,
  authorization: string | undefined,
  now: Date,
): Promise<Actor> {
  if (authorization === undefined || authorization === '') return anonymous;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match?.[1]) throw new FigurlError('UNAUTHORIZED', 'malformed Authorization header: expected "Bearer <token>"');
  const token = await identities.findTokenByHash(hashToken(match[1]));
  const valid = token && token.revokedAt === null && (token.expiresAt === null || token.expiresAt > now);
  if (!valid) throw new FigurlError('UNAUTHORIZED', 'invalid token: expected a current, unrevoked figurl token');
  return { userId: token.userId, via: 'token', scopes: token.scopes };
}
