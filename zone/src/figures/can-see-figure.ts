import type { FigureRecord } from '@figurl/sdk';
import type { Actor } from '../auth/authorize.js';

/**
 * Whether `actor` may see a figure's record: public figures are seen by anyone who may download
 * from the zone, private ones by the owner, allowed users and the zone's admins only.
 */
export function canSeeFigure(figure: FigureRecord, actor: Actor, isAdmin: boolean): boolean {
  if (!figure.private || isAdmin) return true;
  if (actor.via === 'anonymous') return false;
  return figure.owner === actor.userId || figure.allowedUsers.includes(actor.userId);
}
