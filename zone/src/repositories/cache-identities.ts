import { LRUCache } from 'lru-cache';
import type { ClientRecord, IdentityRepository, ZoneSettings } from './identity-repository.js';

/**
 * Remembers zone settings and client registrations for `ttlMs`, so that signed reads — every
 * gateway request looks up its client and its zone — skip the database. Writes made through
 * this repository take effect at once; writes made elsewhere (another replica, `figurl zone`
 * admin commands) within `ttlMs`. Tokens are never cached: a revoked token stops at once.
 * Misses are remembered too (null), so unregistered keys cannot hammer the database.
 *
 * @example
 * const identities = cacheIdentities(createIdentityRepository(prisma), { ttlMs: 2000 });
 */
export function cacheIdentities(
  inner: IdentityRepository,
  options: { ttlMs: number; max?: number },
): IdentityRepository {
  if (options.ttlMs <= 0) return inner;
  const cache = new LRUCache<string, { value: ZoneSettings | ClientRecord | null }>({
    max: options.max ?? 10_000,
    ttl: options.ttlMs,
  });
  const remembered = async <T extends ZoneSettings | ClientRecord>(key: string, load: () => Promise<T | null>) => {
    const hit = cache.get(key);
    if (hit) return hit.value as T | null;
    const value = await load();
    cache.set(key, { value });
    return value;
  };
  const zoneKey = (name: string) => `zone\u0000${name}`;
  const clientKey = (zone: string, id: string) => `client\u0000${zone}\u0000${id}`;
  return {
    ...inner,
    findZone: (name) => remembered(zoneKey(name), () => inner.findZone(name)),
    findClient: (zone, id) => remembered(clientKey(zone, id), () => inner.findClient(zone, id)),
    async ensureZone(name, settings) {
      await inner.ensureZone(name, settings);
      cache.delete(zoneKey(name));
    },
    async setZone(name, settings) {
      await inner.setZone(name, settings);
      cache.delete(zoneKey(name));
    },
    async setMember(input) {
      await inner.setMember(input);
      cache.delete(zoneKey(input.zoneName));
    },
    async addClient(input) {
      const client = await inner.addClient(input);
      cache.delete(clientKey(input.zoneName, input.clientId));
      return client;
    },
  };
}
