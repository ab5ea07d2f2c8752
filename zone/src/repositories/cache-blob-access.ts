import { LRUCache } from 'lru-cache';
import type { BlobAccess, BlobAccessRepository } from './blob-access-repository.js';

export interface CachedBlobAccessRepository extends BlobAccessRepository {
  /** Forgets every answer: called after each figure write of this replica. */
  invalidate(): void;
}

/**
 * Remembers single-blob access answers (per blob and reader) for `ttlMs` of the zone's clock,
 * so repeated downloads and findFiles of one blob skip the database, as zone settings do. Figure
 * writes through this replica call `invalidate()`, so they apply at once here; writes through
 * another replica, zone-admin changes and figures expiring apply within `ttlMs`. Lookups of
 * several blobs at once (registration) always ask the database.
 *
 * @example
 * const blobAccess = cacheBlobAccess(createBlobAccessRepository(prisma), { ttlMs: 2000 });
 */
export function cacheBlobAccess(
  inner: BlobAccessRepository,
  options: { ttlMs: number; max?: number },
): CachedBlobAccessRepository {
  const cache = new LRUCache<string, { until: number; access: BlobAccess | null }>({ max: options.max ?? 10_000 });
  return {
    async find(hashes, reader, now) {
      const [hash] = hashes;
      if (options.ttlMs <= 0 || hashes.length !== 1 || hash === undefined) return inner.find(hashes, reader, now);
      const key = `${hash}\u0000${reader ?? ''}`;
      const hit = cache.get(key);
      // Judged by the zone's clock, so an answer never outlives the expiry it was computed for by more than ttlMs.
      if (hit && hit.until > now.getTime() && hit.until - options.ttlMs <= now.getTime()) {
        return new Map(hit.access ? [[hash, hit.access]] : []);
      }
      const answer = await inner.find(hashes, reader, now);
      cache.set(key, { until: now.getTime() + options.ttlMs, access: answer.get(hash) ?? null });
      return answer;
    },
    invalidate() {
      cache.clear();
    },
  };
}
