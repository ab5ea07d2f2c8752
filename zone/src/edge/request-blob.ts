import { FigurlError } from '@figurl/sdk';
import type { ZoneContext } from '../zone-context.js';
import type { EdgeHolder, EdgeRequestRow } from './edge-repository.js';
import { isResourceLive } from './settle-request.js';

/**
 * Asks a connected resource that announced `sha1` for it: the zone's active request for that
 * hash if there is one (askers share it), else a new one, which reaches the resource through the
 * replica holding its connection. Refused with NOT_FOUND when no resource of the zone announced
 * the hash, or none that did is connected; the message says which.
 *
 * @example
 * const { request, created } = await requestBlob(context, { zoneName: 'default', sha1, requestedBy: 'alice' });
 */
export async function requestBlob(
  context: ZoneContext,
  input: { zoneName: string; sha1: string; requestedBy: string },
): Promise<{ request: EdgeRequestRow; created: boolean }> {
  const { repository, hub, silenceMs } = context.edge;
  const uri = `sha1://${input.sha1}`;
  const now = context.now();
  const live = (holders: EdgeHolder[]) => holders.filter((holder) => isResourceLive(holder, now, silenceMs));

  const holders = await repository.findHolders(input.zoneName, input.sha1);
  if (holders.length === 0) {
    throw new FigurlError(
      'NOT_FOUND',
      `no blob ${uri} in zone ${JSON.stringify(input.zoneName)}, and no shared resource announced it: expected it stored first (figurl store), or shared (figurl share <dir>)`,
    );
  }
  const [first] = live(holders);
  if (first === undefined) throw offline(uri, holders);
  if (first.size > context.storage.maxUploadSize) {
    throw new FigurlError(
      'PAYLOAD_TOO_LARGE',
      `${uri} has ${first.size} bytes: expected at most ${context.storage.maxUploadSize} bytes in this zone`,
    );
  }
  const opened = await repository.openRequest({
    ...input,
    pick: (current) => {
      const [holder] = live(current);
      if (holder === undefined) throw offline(uri, current);
      return holder;
    },
  });
  if (opened.created) hub.deliver(`u:${opened.request.resource.id}:${opened.request.id}`);
  return opened;
}

function offline(uri: string, holders: EdgeHolder[]): FigurlError {
  const names = holders.map((h) => {
    const seen = h.lastSeenAt === null ? 'never seen' : `last seen ${h.lastSeenAt.toISOString()}`;
    return `"${h.name}" of "${h.ownerId}" (${seen})`;
  });
  return new FigurlError(
    'NOT_FOUND',
    `no blob ${uri} in this zone; ${holders.length === 1 ? 'the resource' : 'the resources'} that announced it ${holders.length === 1 ? 'is' : 'are'} offline: ${names.join(', ')}`,
  );
}
