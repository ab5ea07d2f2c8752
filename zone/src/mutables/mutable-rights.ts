import { FigurlError, isFigurlError } from '@figurl/sdk';
import { type Actor, authorize } from '../auth/authorize.js';
import type { IdentityRepository } from '../repositories/identity-repository.js';
import type { MutableWriter } from '../repositories/mutable-repository.js';

/** What an actor may do to the mutables of a zone, and why it may not upload when it may not. */
export interface MutableRights extends MutableWriter {
  anonymous: boolean;
  /** authorize's UNAUTHORIZED or FORBIDDEN for "upload", thrown when a create needs the right. */
  uploadRefusal: FigurlError | undefined;
}

/**
 * The rights `actor` writes mutables of `zoneName` with. Throws NOT_FOUND for an unknown zone
 * and FORBIDDEN for a token without the "upload" (or "admin") scope; anything else is decided
 * per mutable by `mayChangeMutable` (and the same rule in the write statement).
 *
 * @example
 * const rights = await getMutableRights(context.identities, actor, 'default');
 */
export async function getMutableRights(
  identities: IdentityRepository,
  actor: Actor,
  zoneName: string,
): Promise<MutableRights> {
  if (actor.scopes && !actor.scopes.includes('upload') && !actor.scopes.includes('admin')) {
    throw new FigurlError(
      'FORBIDDEN',
      `this token may ${actor.scopes.join(', ') || 'do nothing'}: expected a token with scope "upload" to change mutables`,
    );
  }
  const uploadRefusal = await authorize(identities, actor, zoneName, 'upload').then(
    () => undefined,
    (err: unknown) => {
      if (isFigurlError(err, 'UNAUTHORIZED') || isFigurlError(err, 'FORBIDDEN')) return err;
      throw err;
    },
  );
  const anonymous = actor.via === 'anonymous';
  const zone = await identities.findZone(zoneName);
  const canUpload = uploadRefusal === undefined;
  return {
    userId: actor.userId,
    canUpload,
    // In an open zone everyone without a token is "anonymous", and owns what "anonymous" made.
    named: !anonymous || canUpload,
    isAdmin: !anonymous && zone?.members.get(actor.userId)?.isAdmin === true,
    anonymous,
    uploadRefusal,
  };
}
