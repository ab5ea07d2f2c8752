/**
 * Callers waiting for something about a key (a feed, an edge request): `wait` resolves true
 * when woken, false after its time, on abort or when the registry closes. Wake-ups are hints;
 * waiters re-read the database afterwards.
 */
export interface WaitRegistry<K, T> {
  wait(key: K, data: T, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** Wakes the waiters of `key` (those `which` accepts, when given). */
  wake(key: K, which?: (data: T) => boolean): void;
  wakeAll(): void;
  /** Ends every wait (false) and every later one at once. */
  close(): void;
}

/**
 * @example
 * const waiters = createWaitRegistry<string, number>();
 * const woken = await waiters.wait(feedId, from, 25_000, signal);
 */
export function createWaitRegistry<K, T>(): WaitRegistry<K, T> {
  const waiters = new Map<K, Set<{ data: T; wake(): void }>>();
  const closed = new AbortController();
  return {
    wait(key, data, timeoutMs, signal) {
      if (closed.signal.aborted || signal?.aborted) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        let set = waiters.get(key);
        if (!set) {
          set = new Set();
          waiters.set(key, set);
        }
        const done = (woken: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', aborted);
          closed.signal.removeEventListener('abort', aborted);
          const current = waiters.get(key);
          current?.delete(waiter);
          if (current?.size === 0) waiters.delete(key);
          resolve(woken);
        };
        const waiter = { data, wake: () => done(true) };
        const aborted = () => done(false);
        const timer = setTimeout(() => done(false), timeoutMs);
        set.add(waiter);
        signal?.addEventListener('abort', aborted, { once: true });
        closed.signal.addEventListener('abort', aborted, { once: true });
      });
    },
    wake(key, which) {
      for (const waiter of waiters.get(key) ?? []) if (which === undefined || which(waiter.data)) waiter.wake();
    },
    wakeAll() {
      for (const set of waiters.values()) for (const waiter of set) waiter.wake();
    },
    close() {
      closed.abort();
    },
  };
}
