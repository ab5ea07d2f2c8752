import { FigurlError, quote } from '../errors/index.js';
import { parseWith } from '../schemas/parse-with.js';
import {
  type ListPinsResponse,
  listPinsResponseSchema,
  type Pin,
  pinRequestSchema,
  pinSchema,
  unpinResponseSchema,
} from '../schemas/pins.js';
import { isSha1Hash } from '../uri/is-sha1-hash.js';
import { requestZoneJson } from './request-zone-json.js';
import type { ZoneConnection } from './send-zone-request.js';

/** The caller's pins (docs/protocol.md §8). Every method throws FigurlError. */
export interface PinClient {
  /** Keeps the blob for the caller (it must be stored); `expiresInSeconds` (1 h – 365 d) makes it scratch. */
  pin(sha1: string, options?: { expiresInSeconds?: number }): Promise<Pin>;
  /** Removes the caller's pin; NOT_FOUND when there is none. The blob goes once nothing else keeps it. */
  unpin(sha1: string): Promise<void>;
  /** One page of the caller's pins in sha1 order; `next` continues, null at the end. */
  list(options?: { after?: string; limit?: number }): Promise<ListPinsResponse>;
}

/**
 * @example
 * const pins = createPinClient(zone.connection);
 * await pins.pin(sha1, { expiresInSeconds: 7 * 86400 });
 * await pins.unpin(sha1);
 */
export function createPinClient(connection: ZoneConnection): PinClient {
  const pinPath = (sha1: string) => `api/v1/pins/${checkSha1(sha1)}`;
  return {
    pin: (sha1, options = {}) =>
      requestZoneJson(
        connection,
        { what: 'pin blob', method: 'POST', path: pinPath(sha1), body: parseWith(pinRequestSchema, options, 'pin') },
        pinSchema,
      ),

    async unpin(sha1) {
      await requestZoneJson(
        connection,
        { what: 'unpin blob', method: 'DELETE', path: pinPath(sha1) },
        unpinResponseSchema,
      );
    },

    list: (options = {}) =>
      requestZoneJson(
        connection,
        {
          what: 'list pins',
          method: 'GET',
          path: 'api/v1/pins',
          query: { after: options.after, limit: options.limit },
        },
        listPinsResponseSchema,
      ),
  };
}

function checkSha1(sha1: string): string {
  if (isSha1Hash(sha1)) return sha1;
  throw new FigurlError('INVALID_REQUEST', `invalid sha1 ${quote(sha1)}: expected 40 lowercase hex characters`);
}
