import { LRUCache } from 'lru-cache';
import { listenChannel } from '../notify/listen-channel.js';
import { createWaitRegistry } from '../notify/wait-registry.js';

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

export interface FeedHubOptions {
  /** Listen for other replicas' appends here; without it only this replica's appends wake waiters. */
  databaseUrl?: string | undefined;
  log?: { warn(obj: object, msg: string): void };
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
  const waiters = createWaitRegistry<string, number>();
  // The highest count seen per feed, so a waiter that registers just after the notification
  // still wakes at once; bounded, as it is only a shortcut.
  const known = new LRUCache<string, number>({ max: 10_000 });
  const controller = new AbortController();

  const wake = (feedId: string, messageCount: number) => {
    if ((known.get(feedId) ?? -1) < messageCount) known.set(feedId, messageCount);
    waiters.wake(feedId, (count) => messageCount > count);
  };
  const listener = listenChannel({
    databaseUrl: options.databaseUrl,
    channel: feedChannel,
    log: options.log,
    retryMs: options.retryMs,
    maxRetryMs: options.maxRetryMs,
    onNotification(payload) {
      const [feedId, count] = payload.split(':');
      if (feedId && count && /^\d+$/.test(count)) wake(feedId, Number(count));
    },
    // Appends may have been missed while nobody listened: let every waiter look for itself.
    onListening: () => waiters.wakeAll(),
    onLost: () => waiters.wakeAll(),
  });

  return {
    closed: controller.signal,

    waitBeyond(feedId, count, timeoutMs, signal) {
      if ((known.get(feedId) ?? -1) > count) return Promise.resolve(true);
      return waiters.wait(feedId, count, timeoutMs, signal);
    },

    published: wake,

    async close() {
      controller.abort();
      waiters.close();
      await listener.close();
    },
  };
}
