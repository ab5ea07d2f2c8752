import type { EdgeRequest } from '@figurl/sdk';
import type { ZoneContext } from '../zone-context.js';
import type { EdgeRequestRow, EdgeResourceRow } from './edge-repository.js';

/** Whether the resource has a connection that pinged recently. */
export function isResourceLive(resource: EdgeResourceRow, now: Date, silenceMs: number): boolean {
  return (
    resource.sessionId !== null &&
    resource.lastSeenAt !== null &&
    now.getTime() - resource.lastSeenAt.getTime() <= silenceMs
  );
}

/** When the resource went away (null while it is live): a closed connection, or its last ping plus the silence limit. */
function awaySince(resource: EdgeResourceRow, now: Date, silenceMs: number): Date | null {
  if (isResourceLive(resource, now, silenceMs)) return null;
  if (resource.sessionId === null) return resource.disconnectedAt ?? now;
  return new Date((resource.lastSeenAt ?? now).getTime() + silenceMs);
}

/**
 * The request as it stands now, finishing it first when its outcome is already decided: the
 * blob is stored (completed, whoever uploaded it), or its resource has been away for longer than
 * the grace period (failed). Also returns when a still-active request would fail, so a long-poll
 * can wake then.
 */
export async function settleRequest(
  context: ZoneContext,
  request: EdgeRequestRow,
): Promise<{ request: EdgeRequestRow; failsAt: Date | null }> {
  if (request.state === 'completed' || request.state === 'failed') return { request, failsAt: null };
  const { repository, silenceMs, graceMs } = context.edge;
  const now = context.now();
  let update: Parameters<typeof repository.updateRequest>[1] | undefined;
  if (await context.storage.blobs.find(request.sha1)) update = { state: 'completed' };
  const away = awaySince(request.resource, now, silenceMs);
  const failsAt = away === null ? null : new Date(away.getTime() + graceMs);
  if (update === undefined && failsAt !== null && failsAt <= now) {
    update = {
      state: 'failed',
      error: `resource ${JSON.stringify(request.resource.name)} of ${JSON.stringify(request.resource.ownerId)} went away at ${away?.toISOString()} and did not come back within ${Math.round(graceMs / 1000)} s`,
    };
  }
  if (update === undefined) return { request, failsAt };
  await repository.updateRequest(request.id, update, { now });
  context.edge.hub.deliver(`s:${request.id}`);
  return { request: (await repository.findRequest(request.id)) ?? request, failsAt: null };
}

/** The wire form of a request. */
export function toEdgeRequest(request: EdgeRequestRow, now: Date, silenceMs: number): EdgeRequest {
  return {
    id: request.id,
    sha1: request.sha1,
    size: request.size,
    state: request.state,
    bytes: request.bytes,
    error: request.error,
    resource: {
      name: request.resource.name,
      owner: request.resource.ownerId,
      connected: isResourceLive(request.resource, now, silenceMs),
    },
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
  };
}
