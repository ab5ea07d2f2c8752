import { FigurlError } from '@figurl/sdk';
import { type Actor, authorize } from '../auth/authorize.js';
import type { RepoPermissions } from '../github/repo-permissions.js';
import type { IdentityRepository } from '../repositories/identity-repository.js';

/** Who may do what to a document (feed, curation, …): its owner, lists of users, "*". */
export interface DocumentAccess {
  /** What it is, for messages: `feed abcdefghijkl`. */
  what: string;
  zoneName: string;
  ownerId: string;
  /** Readers besides the owner when not public. */
  readers: readonly string[];
  /** Writers besides the owner; "*" is anyone who may upload to the zone. */
  writers: readonly string[];
  publicRead: boolean;
  /** `owner/name`: anyone who may push to this GitHub repository may write too (curations). */
  editRepo?: string | null | undefined;
}

/**
 * Throws unless `actor` may read: the owner, listed readers and zone admins always; anyone
 * who may download from the zone when the document is public.
 */
export async function assertMayRead(identities: IdentityRepository, actor: Actor, doc: DocumentAccess): Promise<void> {
  if (actor.userId === doc.ownerId || doc.readers.includes(actor.userId)) {
    if (actor.via !== 'anonymous') return;
  }
  if (await isZoneAdmin(identities, actor, doc.zoneName)) return;
  if (doc.publicRead) {
    await authorize(identities, actor, doc.zoneName, 'download');
    return;
  }
  throw denied(actor, doc, 'read');
}

/**
 * Throws unless `actor` may write: the owner, listed writers and zone admins; with "*" among
 * the writers, anyone who may upload to the zone; with an `editRepo` and `repoPermissions`,
 * anyone who may push to that repository. A token also needs the "upload" scope.
 */
export async function assertMayWrite(
  identities: IdentityRepository,
  actor: Actor,
  doc: DocumentAccess,
  repoPermissions?: RepoPermissions | undefined,
): Promise<void> {
  if (actor.scopes && !actor.scopes.includes('upload') && !actor.scopes.includes('admin')) {
    throw new FigurlError(
      'FORBIDDEN',
      `this token may ${actor.scopes.join(', ') || 'do nothing'}: expected a token with scope "upload" to change ${doc.what}`,
    );
  }
  const named = actor.userId === doc.ownerId || doc.writers.includes(actor.userId);
  if (named && actor.via !== 'anonymous') return;
  if (await isZoneAdmin(identities, actor, doc.zoneName)) return;
  // Asked last: GitHub is a network round trip (cached for a minute), the lists are not.
  if (doc.editRepo && repoPermissions && actor.via !== 'anonymous') {
    if (await repoPermissions.mayPush(doc.editRepo, actor.userId)) return;
  }
  if (doc.writers.includes('*') || (named && actor.via === 'anonymous')) {
    await authorize(identities, actor, doc.zoneName, 'upload');
    return;
  }
  throw denied(actor, doc, 'change', repoPermissions ? doc.editRepo : null);
}

/** Throws unless `actor` owns the document or administers its zone. */
export async function assertOwner(identities: IdentityRepository, actor: Actor, doc: DocumentAccess): Promise<void> {
  if (actor.userId === doc.ownerId && (actor.via !== 'anonymous' || doc.ownerId === 'anonymous')) {
    if (actor.via === 'anonymous') await authorize(identities, actor, doc.zoneName, 'upload');
    return;
  }
  if (await isZoneAdmin(identities, actor, doc.zoneName)) return;
  throw denied(actor, doc, 'delete');
}

async function isZoneAdmin(identities: IdentityRepository, actor: Actor, zoneName: string): Promise<boolean> {
  if (actor.via === 'anonymous') return false;
  const zone = await identities.findZone(zoneName);
  return zone?.members.get(actor.userId)?.isAdmin === true;
}

function denied(actor: Actor, doc: DocumentAccess, action: string, pushers?: string | null): FigurlError {
  if (actor.via === 'anonymous') {
    return new FigurlError(
      'UNAUTHORIZED',
      `${action} ${doc.what} needs credentials: expected a bearer token (FIGURL_TOKEN) of its owner or a listed user`,
    );
  }
  return new FigurlError(
    'FORBIDDEN',
    `user ${JSON.stringify(actor.userId)} may not ${action} ${doc.what}: expected its owner ${JSON.stringify(doc.ownerId)}, a listed user${pushers ? `, someone who may push to GitHub repository ${pushers}` : ''} or a zone admin`,
  );
}
