import { type CanonicalJsonValue, canonicalJson } from '../canonical-json/index.js';
import { parseMutableKey } from '../schemas/mutable-key.js';
import {
  type Mutable,
  type MutableHistory,
  type MutableInfo,
  type MutableValue,
  mutableHistorySchema,
  mutableInfoSchema,
  mutableSchema,
  type SetMutableRequest,
  setMutableRequestSchema,
} from '../schemas/mutables.js';
import { parseWith } from '../schemas/parse-with.js';
import { requestZoneJson } from './request-zone-json.js';
import type { ZoneConnection } from './send-zone-request.js';

export interface SetMutableOptions {
  /** Compare-and-swap: set only while the mutable is at this version, else CONFLICT. */
  ifVersion?: number;
  /** Set only when the mutable does not exist (or was deleted), else CONFLICT. */
  createOnly?: boolean;
  /** Replace who besides the owner may change it (`"*"`: anyone who may upload). Owner or admin only. */
  writers?: readonly string[];
  signal?: AbortSignal;
}

/**
 * The zone's mutables (docs/protocol.md §12). Values keep their numbers as written both ways:
 * `1.0` comes back as a PythonFloat, integers beyond 2^53 as bigints. Every method throws
 * FigurlError.
 */
export interface MutableClient {
  /** The current value and version; NOT_FOUND when absent or deleted. */
  get(key: string, options?: { signal?: AbortSignal }): Promise<Mutable>;
  /** Sets the value; returns the new version. CONFLICT when `ifVersion` or `createOnly` fails. */
  set(key: string, value: MutableValue, options?: SetMutableOptions): Promise<MutableInfo>;
  /** One page of versions after `after` (default 0), oldest first; `next` continues, null at the end. */
  history(key: string, options?: { after?: number; limit?: number; signal?: AbortSignal }): Promise<MutableHistory>;
  /** Deletes (a new version without value); NOT_FOUND when absent or already deleted. */
  delete(key: string, options?: { ifVersion?: number; signal?: AbortSignal }): Promise<MutableInfo>;
}

const path = 'api/v1/mutables';
/** Values come back with their numbers as stored (PythonFloat, bigint), like feed messages. */
const lossless = true;

/**
 * A client of the zone's mutables over a connection (`createZoneClient(…).connection`). Keys
 * and requests are checked here first, with the zone's own messages.
 *
 * @example
 * const mutables = createMutableClient(zone.connection);
 * const { version, value } = await mutables.get('@counters/visits');
 * await mutables.set('@counters/visits', (value as number) + 1, { ifVersion: version });
 */
export function createMutableClient(connection: ZoneConnection): MutableClient {
  const signalOf = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });
  return {
    get(key, options = {}) {
      const query = { key: parseMutableKey(key) };
      const call = { what: 'get mutable', method: 'GET', path, query, lossless, ...signalOf(options.signal) } as const;
      return requestZoneJson(connection, call, mutableSchema);
    },

    set(key, value, options = {}) {
      const request: Record<string, unknown> = { value };
      if (options.ifVersion !== undefined) request.ifVersion = options.ifVersion;
      if (options.createOnly !== undefined) request.createOnly = options.createOnly;
      if (options.writers !== undefined) request.writers = options.writers;
      const body: SetMutableRequest = parseWith(setMutableRequestSchema, request, 'set mutable request');
      // Canonical JSON, not JSON.stringify: a PythonFloat stays 1.0 and a bigint keeps its digits.
      const bodyText = canonicalJson(body as CanonicalJsonValue);
      const query = { key: parseMutableKey(key) };
      const call = { what: 'set mutable', method: 'PUT', path, query, bodyText, ...signalOf(options.signal) } as const;
      return requestZoneJson(connection, call, mutableInfoSchema);
    },

    history(key, options = {}) {
      const query = { key: parseMutableKey(key), after: options.after, limit: options.limit };
      const call = {
        what: 'get mutable history',
        method: 'GET',
        path: `${path}/history`,
        query,
        lossless,
        ...signalOf(options.signal),
      } as const;
      return requestZoneJson(connection, call, mutableHistorySchema);
    },

    delete(key, options = {}) {
      const query = { key: parseMutableKey(key), ifVersion: options.ifVersion };
      const call = { what: 'delete mutable', method: 'DELETE', path, query, ...signalOf(options.signal) } as const;
      return requestZoneJson(connection, call, mutableInfoSchema);
    },
  };
}
