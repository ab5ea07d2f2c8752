import type { ZoneSettings } from '../repositories/identity-repository.js';
import type { Actor } from './authorize.js';

/**
 * Whether `actor` reads `zone` with an admin's eyes (private figures included): a signed-in admin
 * member, through a token meant for downloads (scope "download" or "admin") if a token.
 */
export function readsAsZoneAdmin(actor: Actor, zone: ZoneSettings): boolean {
  if (actor.via === 'anonymous') return false;
  if (actor.scopes && !actor.scopes.includes('download') && !actor.scopes.includes('admin')) return false;
  return zone.members.get(actor.userId)?.isAdmin === true;
}
