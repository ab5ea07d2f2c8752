import { listenChannel } from '../notify/listen-channel.js';
import { createWaitRegistry } from '../notify/wait-registry.js';
import { edgeChannel } from './edge-repository.js';

/** A resource's WebSocket held by this replica. */
export interface LocalShareSession {
  resourceId: string;
  sessionId: string;
  /** Tell the resource about this request (it skips requests it was already told about). */
  dispatch(requestId: string): void;
  /** A newer connection of the same resource exists (on any replica): close this one. */
  replaced(): void;
  /** Notifications may have been missed: send every active request again. */
  resync(): void;
}

export interface EdgeHub {
  /** Holds `session` until the returned function is called; a local session it replaces is told so. */
  register(session: LocalShareSession): () => void;
  /**
   * Resolves true once the request is known to have changed, false after `timeoutMs`, on abort
   * or when the hub closes. A wake-up is a hint: callers re-read the row.
   */
  waitForChange(requestId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** Handles a payload this replica NOTIFYed, without waiting for the round trip. */
  deliver(payload: string): void;
  /** Local sessions, for closing them when the zone stops. */
  sessions(): LocalShareSession[];
  readonly closed: AbortSignal;
  close(): Promise<void>;
}

export interface EdgeHubOptions {
  /** LISTEN for other replicas here; without it only this replica's events are seen. */
  databaseUrl?: string | undefined;
  log?: { warn(obj: object, msg: string): void };
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * How a request reaches the replica that holds the resource's WebSocket: every replica keeps one
 * PostgreSQL connection that LISTENs on `figurl_edge`. Payloads:
 *
 * - `u:<resourceId>:<requestId>` — a new request (NOTIFYed in the transaction that records it);
 *   the replica holding that resource tells it.
 * - `s:<requestId>` — a request changed (state, progress, its resource left); long-polls wake.
 * - `t:<resourceId>:<sessionId>` — the resource connected anew: other connections of it close.
 *
 * Notifications are hints. A lost LISTEN connection is reopened with backoff, after which every
 * local session re-sends its active requests from the table and every waiter re-reads, so
 * nothing sent meanwhile is lost; a resource that reconnects gets its active requests the same way.
 */
export function createEdgeHub(options: EdgeHubOptions = {}): EdgeHub {
  const local = new Map<string, LocalShareSession>();
  const waiters = createWaitRegistry<string, undefined>();
  const controller = new AbortController();

  const resyncAll = () => {
    for (const session of local.values()) session.resync();
    waiters.wakeAll();
  };
  const handle = (payload: string) => {
    const [kind, first, second] = payload.split(':');
    if (kind === 'u' && first && second) local.get(first)?.dispatch(second);
    else if (kind === 's' && first) waiters.wake(first);
    else if (kind === 't' && first && second) {
      const session = local.get(first);
      if (session && session.sessionId !== second) session.replaced();
    }
  };
  const listener = listenChannel({
    databaseUrl: options.databaseUrl,
    channel: edgeChannel,
    log: options.log,
    retryMs: options.retryMs,
    maxRetryMs: options.maxRetryMs,
    onNotification: handle,
    // Whatever was NOTIFYed while nobody listened is in the table: look again.
    onListening: resyncAll,
  });

  return {
    closed: controller.signal,

    register(session) {
      const previous = local.get(session.resourceId);
      local.set(session.resourceId, session);
      if (previous && previous !== session) previous.replaced();
      return () => {
        if (local.get(session.resourceId) === session) local.delete(session.resourceId);
      };
    },

    waitForChange: (requestId, timeoutMs, signal) => waiters.wait(requestId, undefined, timeoutMs, signal),

    deliver: handle,

    sessions: () => [...local.values()],

    async close() {
      controller.abort();
      waiters.close();
      await listener.close();
    },
  };
}
