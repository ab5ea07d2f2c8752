import { FigurlError } from '@figurl/sdk';
import type { IdentityRepository, ZoneSettings } from '../repositories/identity-repository.js';

export type Action = 'upload' | 'download' | 'admin';

/**
 * Who is asking: a user acting through a token, a registered client key, a user a service's
 * `delegate` token acts for (`x-figurl-acting-for`), or nobody.
 */
export interface Actor {
  userId: string;
  via: 'token' | 'client' | 'delegated' | 'anonymous';
  /**
   * For tokens: what the token may be used for (`upload`, `download`, `admin`, `delegate`); for
   * delegated actors, the delegating token's scopes without `delegate`.
   */
  scopes?: readonly string[];
  clientId?: string;
  /** For delegated actors: the user whose token vouched for `userId` (a service such as the shell). */
  delegatedBy?: string;
}

export const anonymous: Actor = { userId: 'anonymous', via: 'anonymous' };

/**
 * Throws unless `actor` may do `action` in `zoneName`, following the kachery-gateway rules:
 * public upload/download switches per zone, else the user's own rights as an authorized user
 * (admins may do everything); a token additionally needs the action in its scopes.
 */
export async function authorize(
  identities: IdentityRepository,
  actor: Actor,
  zoneName: string,
  action: Action,
): Promise<ZoneSettings> {
  const zone = await identities.findZone(zoneName);
  if (!zone)
    throw new FigurlError(
      'NOT_FOUND',
      `no zone ${JSON.stringify(zoneName)} on this server: expected an existing zone such as "default"`,
    );
  if (action === 'download' && zone.allowPublicDownload) return zone;
  if (action === 'upload' && zone.allowPublicUpload) return zone;
  if (actor.via === 'anonymous') {
    const who = actor.clientId
      ? `client ${actor.clientId} is not registered in zone ${JSON.stringify(zoneName)}, and `
      : '';
    throw new FigurlError(
      'UNAUTHORIZED',
      `${who}${action} in zone ${JSON.stringify(zoneName)} needs credentials: expected a bearer token or the signature of a client registered in this zone (a zone admin runs: figurl zone add-client <clientId> --owner <login> --zone ${zoneName})`,
    );
  }
  if (actor.scopes && !actor.scopes.includes(action) && !actor.scopes.includes('admin')) {
    throw new FigurlError(
      'FORBIDDEN',
      `this token may ${actor.scopes.join(', ') || 'do nothing'}: expected a token with scope "${action}"`,
    );
  }
  const rights = zone.members.get(actor.userId);
  const allowed =
    rights?.isAdmin || (action === 'upload' && rights?.canUpload) || (action === 'download' && rights?.canDownload);
  if (!allowed) {
    throw new FigurlError(
      'FORBIDDEN',
      `user ${JSON.stringify(actor.userId)} may not ${action} in zone ${JSON.stringify(zoneName)}: expected a zone admin to grant it`,
    );
  }
  return zone;
}
