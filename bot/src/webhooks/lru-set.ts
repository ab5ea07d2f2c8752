/** A set of at most `max` strings that forgets the least recently added first. */
export interface LruSet {
  /** Adds `key`; false when it was already there (then it counts as recently seen again). */
  add(key: string): boolean;
  delete(key: string): void;
  has(key: string): boolean;
  readonly size: number;
}

/**
 * A bounded memory of keys, for de-duplicating webhook deliveries by `X-GitHub-Delivery` (a
 * redelivery keeps the id of the original delivery). A Map keeps insertion order, so the first
 * key is the oldest.
 *
 * @example
 * const seen = createLruSet(10_000);
 * if (!seen.add(deliveryId)) return; // processed before
 */
export function createLruSet(max: number): LruSet {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`invalid LRU size ${max}: expected an integer ≥ 1`);
  const keys = new Map<string, true>();
  return {
    add(key) {
      if (keys.has(key)) {
        keys.delete(key);
        keys.set(key, true);
        return false;
      }
      keys.set(key, true);
      if (keys.size > max) {
        const oldest = keys.keys().next();
        if (oldest.done !== true) keys.delete(oldest.value);
      }
      return true;
    },
    delete: (key) => void keys.delete(key),
    has: (key) => keys.has(key),
    get size() {
      return keys.size;
    },
  };
}
