/** Runs functions one at a time per key. */
export type KeyedLock = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

/**
 * An in-process mutex per key. Two deliveries for one pull request (a push and a finished
 * workflow) would otherwise both find no sticky comment and both create one; under the lock the
 * second finds the first's comment and updates it. One process only: run one bot replica, or
 * put a distributed lock here.
 *
 * @example
 * const withLock = createKeyedLock();
 * await withLock(`octo/lab#12:figures`, () => upsertStickyComment(...));
 */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      // The last holder removes the entry, so the map does not grow with every PR ever seen.
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}
