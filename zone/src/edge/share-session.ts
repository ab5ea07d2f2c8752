import { randomUUID } from 'node:crypto';
import { type ShareClientMessage, type ShareZoneMessage, shareClientMessageSchema, shareCloseCodes } from '@figurl/sdk';
import type { FastifyBaseLogger } from 'fastify';
import type { ZoneContext } from '../zone-context.js';
import type { EdgeResourceRow } from './edge-repository.js';

/** The part of a `ws` WebSocket a session uses. */
export interface ShareSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  on(event: 'message', listener: (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

const open = 1;

/**
 * One `figurl share` connection, for as long as it lasts: records the resource as connected to
 * this replica (taking over from an older connection of it anywhere), applies its announcements,
 * tells it about requests — the active ones at once, new ones as their notifications arrive —
 * and records what it reports. Messages are handled one at a time, in order. A connection that
 * sends nothing for `silenceMs` is closed; on close the resource is marked away and the
 * long-polls of its requests wake (they fail after the grace period unless it comes back).
 */
export async function runShareSession(
  context: ZoneContext,
  socket: ShareSocket,
  who: { zoneName: string; ownerId: string; name: string; log: FastifyBaseLogger },
): Promise<void> {
  const { repository, hub, replicaId, silenceMs } = context.edge;
  const sessionId = randomUUID();
  const told = new Set<string>();
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  let resource: EdgeResourceRow | undefined;
  let unregister = () => {};

  const send = (message: ShareZoneMessage) => {
    if (socket.readyState === open) socket.send(JSON.stringify(message));
  };
  const close = (code: number, reason: string) => {
    if (socket.readyState === open) socket.close(code, reason);
  };
  const later = (task: () => Promise<unknown>) => {
    queue = queue.then(task).catch((err: unknown) => {
      who.log.warn({ err, resource: who.name }, 'edge resource: handling a message failed');
      send({ type: 'error', message: 'the zone could not handle the last message; it was dropped' });
    });
  };
  const tell = async (requestId: string) => {
    if (closed || told.has(requestId)) return;
    const request = await repository.findRequest(requestId);
    if (!request || request.resource.id !== resource?.id || told.has(requestId)) return;
    if (request.state !== 'requested' && request.state !== 'uploading') return;
    told.add(requestId);
    send({ type: 'upload', requestId, sha1: request.sha1, size: request.size });
  };
  const tellActive = async () => {
    if (!resource || closed) return;
    for (const request of await repository.activeRequests(resource.id)) await tell(request.id);
  };

  let silence: NodeJS.Timeout | undefined;
  const heard = () => {
    clearTimeout(silence);
    silence = setTimeout(() => close(shareCloseCodes.silent, `nothing heard for ${silenceMs / 1000} s`), silenceMs);
  };

  // Listen first: messages that arrive while the resource row is written wait in the queue.
  socket.on('message', (data, isBinary) => {
    heard();
    const message = isBinary ? undefined : parseMessage(data);
    if (message === undefined) {
      close(shareCloseCodes.invalid, 'expected a JSON message of the share protocol (docs/protocol.md §11)');
      return;
    }
    later(() => handle(message));
  });
  socket.on('close', () => {
    closed = true;
    clearTimeout(silence);
    unregister();
    // The zone is stopping (its database may be already): the resource's row ages out after
    // `silenceMs` instead, and the resource reconnects to a replica that runs.
    if (hub.closed.aborted) return;
    later(async () => {
      if (!resource) return;
      await repository.disconnect(resource.id, sessionId, context.now());
      // Long-polls of its requests show it away, and fail it after the grace period.
      for (const request of await repository.activeRequests(resource.id)) await repository.notify(`s:${request.id}`);
      who.log.info({ resource: who.name, owner: who.ownerId }, 'edge resource disconnected');
    });
  });
  heard();

  const handle = async (message: ShareClientMessage) => {
    if (!resource) return;
    const now = context.now();
    const options = { resourceId: resource.id, now };
    switch (message.type) {
      case 'ping':
        await repository.touch(resource.id, sessionId, now);
        send({ type: 'pong' });
        return;
      case 'announce':
        await repository.announce(resource.id, sessionId, message.files, message.last);
        return;
      case 'withdraw':
        await repository.withdraw(resource.id, message.sha1s);
        return;
      case 'started':
        await repository.updateRequest(message.requestId, { state: 'uploading' }, options);
        break;
      case 'progress':
        await repository.updateRequest(message.requestId, { bytes: message.bytes }, options);
        break;
      case 'completed': {
        const request = await repository.findRequest(message.requestId);
        // Trust the blob table, not the message: finalize is what verified the bytes.
        const stored = request ? await context.storage.blobs.find(request.sha1) : null;
        const update = stored
          ? ({ state: 'completed' } as const)
          : ({
              state: 'failed',
              error: 'the resource reported the upload finished, but the zone does not hold the blob',
            } as const);
        await repository.updateRequest(message.requestId, update, options);
        break;
      }
      case 'failed':
        await repository.updateRequest(message.requestId, { state: 'failed', error: message.error }, options);
        break;
    }
    hub.deliver(`s:${message.requestId}`);
  };

  later(async () => {
    resource = await repository.connect({ ...who, sessionId, replicaId, now: context.now() });
    if (closed) {
      await repository.disconnect(resource.id, sessionId, context.now());
      return;
    }
    const id = resource.id;
    unregister = hub.register({
      resourceId: id,
      sessionId,
      dispatch: (requestId) => later(() => tell(requestId)),
      replaced: () => close(shareCloseCodes.replaced, 'a newer connection of this resource took over'),
      resync: () => later(tellActive),
    });
    // Other replicas close their older connection of this resource.
    await repository.notify(`t:${id}:${sessionId}`);
    send({ type: 'ready', resourceId: id, name: resource.name, owner: resource.ownerId, zone: resource.zoneName });
    who.log.info({ resource: who.name, owner: who.ownerId, zone: who.zoneName }, 'edge resource connected');
    await tellActive();
  });
}

function parseMessage(data: Buffer | ArrayBuffer | Buffer[]): ShareClientMessage | undefined {
  const text = Buffer.isBuffer(data)
    ? data.toString('utf8')
    : Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data).toString('utf8');
  try {
    const parsed = shareClientMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
