import type { FastifyRequest } from 'fastify';
import type { ZoneSettings } from '../repositories/identity-repository.js';
import type { ZoneContext } from '../zone-context.js';
import { type Action, type Actor, authorize } from './authorize.js';
import { resolveActor } from './resolve-actor.js';

/**
 * The actor behind a request's bearer token (or anonymous, or the user a `delegate` token acts
 * for: resolveActor), once it may do `action` in `zoneName`; throws UNAUTHORIZED or FORBIDDEN
 * otherwise.
 *
 * @example
 * const { actor } = await authorizeRequest(context, request, zone, 'upload');
 */
export async function authorizeRequest(
  context: ZoneContext,
  request: FastifyRequest,
  zoneName: string,
  action: Action,
): Promise<{ actor: Actor; zone: ZoneSettings }> {
  const actor = await resolveActor(context, request.headers);
  return { actor, zone: await authorize(context.identities, actor, zoneName, action) };
}
