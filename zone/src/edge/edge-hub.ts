import pg from 'pg';
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
  const waiters = new Map<string, Set<() => void>>();
  const controller = new AbortController();
  let listener: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = options.retryMs ?? 250;

  const wake = (requestId: string) => {
    for (const waiter of waiters.get(requestId) ?? []) waiter();
  };
  const resyncAll = () => {
    for (const session of local.values()) session.resync();
    for (const set of waiters.values()) for (const waiter of set) waiter();
  };
  const handle = (payload: string) => {
    const [kind, first, second] = payload.split(':');
    if (kind === 'u' && first && second) local.get(first)?.dispatch(second);
    else if (kind === 's' && first) wake(first);
    else if (kind === 't' && first && second) {
      const session = local.get(first);
      if (session && session.sessionId !== second) session.replaced();
    }
  };

  const connect = async () => {
    if (options.databaseUrl === undefined || controller.signal.aborted) return;
    const client = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 5000 });
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      if (listener === client) listener = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (controller.signal.aborted) return;
      options.log?.warn({ err, retryInMs: retryMs }, 'edge notifications: connection lost, reconnecting');
      retryTimer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, options.maxRetryMs ?? 5000);
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('connection ended')));
    client.on('notification', (message) => handle(message.payload ?? ''));
    try {
      await client.connect();
      await client.query(`LISTEN ${edgeChannel}`);
      if (controller.signal.aborted) {
        await client.end();
        return;
      }
      listener = client;
      retryMs = options.retryMs ?? 250;
      // Whatever was NOTIFYed while nobody listened is in the table: look again.
      resyncAll();
    } catch (err) {
      fail(err);
    }
  };
  void connect();

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

    waitForChange(requestId, timeoutMs, signal) {
      if (controller.signal.aborted || signal?.aborted) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        let set = waiters.get(requestId);
        if (!set) {
          set = new Set();
          waiters.set(requestId, set);
        }
        const done = (woken: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', aborted);
          controller.signal.removeEventListener('abort', aborted);
          const current = waiters.get(requestId);
          current?.delete(waiter);
          if (current?.size === 0) waiters.delete(requestId);
          resolve(woken);
        };
        const waiter = () => done(true);
        const aborted = () => done(false);
        const timer = setTimeout(() => done(false), timeoutMs);
        set.add(waiter);
        signal?.addEventListener('abort', aborted, { once: true });
        controller.signal.addEventListener('abort', aborted, { once: true });
      });
    },

    deliver: handle,

    sessions: () => [...local.values()],

    async close() {
      controller.abort();
      clearTimeout(retryTimer);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
    },
  };
}
