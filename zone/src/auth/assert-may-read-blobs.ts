import { FigurlError } from '@figurl/sdk';
import type { ZoneContext } from '../zone-context.js';
import type { Actor } from './authorize.js';
import { findReadableRepos } from './find-readable-repos.js';

/**
 * Throws unless `actor` may read every one of `hashes` under the private-data rule
 * (docs/protocol.md §7): a blob that a live private figure refers to, and no live public figure,
 * is readable only by the owners and allowed users of those private figures, the admins of
 * their zones and — when the zone has the GitHub App — whoever may read one of their
 * repositories on GitHub (UNAVAILABLE when GitHub does not answer). Anonymous → UNAUTHORIZED, anyone else → FORBIDDEN. Answers whether any was
 * restricted (such answers must not be cached publicly).
 *
 * @example
 * const { restricted } = await assertMayReadBlobs(context, actor, [hash]);
 */
export async function assertMayReadBlobs(
  context: Pick<ZoneContext, 'blobAccess' | 'now' | 'repoPermissions'>,
  actor: Actor,
  hashes: readonly string[],
): Promise<{ restricted: boolean }> {
  const reader = readerOf(actor);
  const access = await context.blobAccess.find(hashes, reader, context.now());
  let restricted = false;
  for (const [hash, { restricted: isRestricted, allowed, repos }] of access) {
    if (!isRestricted) continue;
    restricted = true;
    if (allowed) continue;
    if ((await findReadableRepos(context.repoPermissions, reader, repos)).size > 0) continue;
    if (reader === null && actor.via === 'anonymous') {
      throw new FigurlError(
        'UNAUTHORIZED',
        `sha1://${hash} belongs to a private figure: expected a bearer token of its owner or an allowed user, or a signed link`,
      );
    }
    throw new FigurlError(
      'FORBIDDEN',
      `user ${JSON.stringify(actor.userId)} may not read sha1://${hash}, which belongs to a private figure: expected its owner, an allowed user${context.repoPermissions && repos.length > 0 ? ', a zone admin or a reader of its GitHub repository' : ' or a zone admin'}${reader === null ? ' (with a token of scope "download")' : ''}`,
    );
  }
  return { restricted };
}

/** Whose rights count: nobody for anonymous requests and for tokens not meant for downloads. */
function readerOf(actor: Actor): string | null {
  if (actor.via === 'anonymous') return null;
  if (actor.scopes && !actor.scopes.includes('download') && !actor.scopes.includes('admin')) return null;
  return actor.userId;
}
