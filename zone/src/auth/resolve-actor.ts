import type { IncomingHttpHeaders } from 'node:http';
import { FigurlError, quote, userIdSchema } from '@figurl/sdk';
import type { ZoneContext } from '../zone-context.js';
import type { Actor } from './authorize.js';
import { resolveToken } from './resolve-token.js';

/** The header a `delegate` token names the user it acts for with (a GitHub login). */
export const actingForHeader = 'x-figurl-acting-for';

/** The zone's own ids: nobody may be vouched for as one of them. */
const reservedUserIds = new Set(['anonymous', 'local']);

/**
 * The actor behind a request: its bearer token's user (or anonymous), or, with
 * `x-figurl-acting-for: <login>`, that user, vouched for by a token with the scope `delegate`
 * (the shell acting for its signed-in users). The delegated actor has the user's own rights,
 * within the token's other scopes, and is the author of what it writes. The header without a
 * token, or with a token lacking `delegate`, is FORBIDDEN; a value that is not a login is
 * INVALID_REQUEST.
 *
 * @example
 * const actor = await resolveActor(context, request.headers);
 */
export async function resolveActor(
  context: Pick<ZoneContext, 'identities' | 'now'>,
  headers: IncomingHttpHeaders,
): Promise<Actor> {
  const actor = await resolveToken(context.identities, headers.authorization, context.now());
  const actingFor = headers[actingForHeader];
  if (actingFor === undefined) return actor;
  // Node joins repeated custom headers with ", ", which no login contains.
  return delegateTo(actor, Array.isArray(actingFor) ? actingFor.join(', ') : actingFor);
}

function delegateTo(actor: Actor, login: string): Actor {
  const header = `${actingForHeader} ${quote(login, 60)}`;
  const howTo =
    'a zone admin makes one with: figurl zone token create --owner <service> --scope delegate,upload,download';
  if (actor.via !== 'token') {
    throw new FigurlError(
      'FORBIDDEN',
      `${header} needs a bearer token with scope "delegate": expected the token of a service allowed to act for users (${howTo})`,
    );
  }
  const scopes = actor.scopes ?? [];
  if (!scopes.includes('delegate')) {
    throw new FigurlError(
      'FORBIDDEN',
      `${header}: this token of user ${quote(actor.userId)} has scopes ${scopes.join(', ') || '(none)'}: expected a token with scope "delegate" (${howTo})`,
    );
  }
  if (!userIdSchema.safeParse(login).success || reservedUserIds.has(login.toLowerCase())) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid ${header}: expected a GitHub login (letters, digits and hyphens, at most 39 characters; not "anonymous" or "local")`,
    );
  }
  return {
    userId: login,
    via: 'delegated',
    scopes: scopes.filter((scope) => scope !== 'delegate'),
    delegatedBy: actor.userId,
  };
}
