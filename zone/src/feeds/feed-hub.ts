import { LRUCache } from 'lru-cache';
import pg from 'pg';

/** The PostgreSQL channel every replica listens on; payload `<feedId>:<messageCount>`. */
export const feedChannel = 'figurl_feed';

export interface FeedHub {
  /**
   * Resolves once the feed is known to hold more than `count` messages, after `timeoutMs`, when
   * `signal` aborts or the hub closes — whichever comes first: true when woken, false on a
   * timeout or abort. Callers re-read the database afterwards: a wake-up is a hint, never data.
   */
  waitBeyond(feedId: string, count: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** A commit of this replica: wake its waiters without waiting for the notification. */
  published(feedId: string, messageCount: number): void;
  /** Aborted when the hub closes: long-lived streams end on it. */
  readonly closed: AbortSignal;
  close(): Promise<void>;
}

interface Waiter {
  count: number;
  wake(): void;
}

export interface FeedHubOptions {
  /** Listen for other replicas' appends here; without it only this replica's appends wake waiters. */
  databaseUrl?: string | undefined;
  log?: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };
  /** Delay before reconnecting a lost LISTEN connection, doubling to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Fan-out of feed appends across replicas: each replica keeps one PostgreSQL connection that
 * `LISTEN`s on `figurl_feed`; appends `NOTIFY` in their transaction, so the notification is
 * delivered exactly when the messages are visible. Waiters of a feed are woken when its count
 * passes theirs. If the LISTEN connection drops, it is reopened with backoff and every waiter
 * is woken (notifications sent meanwhile are lost; the re-read finds their messages).
 */
export function createFeedHub(options: FeedHubOptions = {}): FeedHub {
  const waiters = new Map<string, Set<Waiter>>();
  // The highest count seen per feed, so a waiter that registers just after the notification
  // still wakes at once; bounded, as it is only a shortcut.
  const known = new LRUCache<string, number>({ max: 10_000 });
  const controller = new AbortController();
  let listener: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = options.retryMs ?? 250;

  const wake = (feedId: string, messageCount: number) => {
    if ((known.get(feedId) ?? -1) < messageCount) known.set(feedId, messageCount);
    const set = waiters.get(feedId);
    if (!set) return;
    for (const waiter of set) if (messageCount > waiter.count) waiter.wake();
  };
  const wakeAll = () => {
    for (const set of waiters.values()) for (const waiter of set) waiter.wake();
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
      options.log?.warn({ err, retryInMs: retryMs }, 'feed notifications: connection lost, reconnecting');
      retryTimer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, options.maxRetryMs ?? 5000);
      // Appends may be missed while disconnected: let every waiter look for itself.
      wakeAll();
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('connection ended')));
    client.on('notification', (message) => {
      const [feedId, count] = (message.payload ?? '').split(':');
      if (feedId && count && /^\d+$/.test(count)) wake(feedId, Number(count));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${feedChannel}`);
      if (controller.signal.aborted) {
        await client.end();
        return;
      }
      listener = client;
      retryMs = options.retryMs ?? 250;
      // Anything appended before LISTEN took effect is found by the waiters' re-read.
      wakeAll();
    } catch (err) {
      fail(err);
    }
  };
  void connect();

  return {
    closed: controller.signal,

    waitBeyond(feedId, count, timeoutMs, signal) {
      if ((known.get(feedId) ?? -1) > count) return Promise.resolve(true);
      if (controller.signal.aborted || signal?.aborted) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        let set = waiters.get(feedId);
        if (!set) {
          set = new Set();
          waiters.set(feedId, set);
        }
        const waiter: Waiter = { count, wake: () => done(true) };
        const timer = setTimeout(() => done(false), timeoutMs);
        const aborted = () => done(false);
        const done = (woken: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', aborted);
          controller.signal.removeEventListener('abort', aborted);
          const current = waiters.get(feedId);
          current?.delete(waiter);
          if (current?.size === 0) waiters.delete(feedId);
          resolve(woken);
        };
        set.add(waiter);
        signal?.addEventListener('abort', aborted, { once: true });
        controller.signal.addEventListener('abort', aborted, { once: true });
      });
    },

    published: wake,

    async close() {
      controller.abort();
      clearTimeout(retryTimer);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
    },
  };
}
