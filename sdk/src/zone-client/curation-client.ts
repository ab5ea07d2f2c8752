import type { z } from 'zod';
import { type CanonicalJsonValue, canonicalJson } from '../canonical-json/index.js';
import { parseCurationAction } from '../curation/parse-curation-action.js';
import type { SortingCurationAction } from '../curation/sorting-curation-action-schema.js';
import {
  type CurationActionEntry,
  type CurationInfo,
  type createCurationRequestSchema,
  curationActionsResponseSchema,
  curationSchema,
  eventsResponseSchema,
} from '../schemas/curations.js';
import { createFeedClient, type ReadFeedOptions } from './feed-client.js';
import { requestZoneJson } from './request-zone-json.js';
import type { ZoneConnection } from './send-zone-request.js';

export type CreateCurationRequest = z.input<typeof createCurationRequestSchema>;
export type CurationActionsResult = z.infer<typeof curationActionsResponseSchema>;
export type OutboxEvents = z.infer<typeof eventsResponseSchema>;

/** Applied actions of a curation from `from` on, and its version when they were read. */
export interface CurationActionsPage {
  curationId: string;
  from: number;
  actions: CurationActionEntry[];
  /** Actions applied in all (the feed's message count) at the time of the read. */
  version: number;
}

/** Curation documents of one zone (docs/protocol.md §9). */
export interface CurationClient {
  create(request?: CreateCurationRequest): Promise<CurationInfo>;
  get(curationId: string): Promise<CurationInfo>;
  /** Applies `actions` in order, all or none; `ifVersion` makes a stale view CONFLICT. */
  act(
    curationId: string,
    actions: readonly SortingCurationAction[],
    options?: { ifVersion?: number },
  ): Promise<CurationActionsResult>;
  /**
   * The applied actions from seq `from` on, attributed (the curation's feed); `wait` seconds
   * (≤ 30) long-polls while there is none at `from` yet.
   */
  readActions(curationId: string, options?: ReadFeedOptions): Promise<CurationActionsPage>;
  /** Outbox events after a cursor (zone admins: the GitHub app). */
  events(query: { topic: string; after?: number; limit?: number }): Promise<OutboxEvents>;
}

/**
 * @example
 * const curations = createCurationClient(zone.connection);
 * const { curationId } = await curations.create({ label: 'sorting 12', editors: ['bob'] });
 * await curations.act(curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 3, label: 'accept' }]);
 * const { actions } = await curations.readActions(curationId, { from: 1, wait: 20 });
 */
export function createCurationClient(connection: ZoneConnection): CurationClient {
  const path = (id: string) => `api/v1/curations/${encodeURIComponent(id)}`;
  const feeds = createFeedClient(connection);
  return {
    create: (request = {}) =>
      requestZoneJson(
        connection,
        { what: 'create curation', method: 'POST', path: 'api/v1/curations', body: request },
        curationSchema,
      ),
    get: (curationId) =>
      requestZoneJson(connection, { what: 'get curation', method: 'GET', path: path(curationId) }, curationSchema),
    act: (curationId, actions, options = {}) =>
      requestZoneJson(
        connection,
        {
          what: 'curate',
          method: 'POST',
          path: `${path(curationId)}/actions`,
          body: { actions, ...(options.ifVersion === undefined ? {} : { ifVersion: options.ifVersion }) },
        },
        curationActionsResponseSchema,
      ),
    async readActions(curationId, options = {}) {
      const page = await feeds.read(curationId, options);
      return {
        curationId: page.feedId,
        from: page.from,
        // The feed keeps numbers as written (1.0); actions are plain JSON, as the reducer reads them.
        actions: page.messages.map((m) => ({
          seq: m.seq,
          author: m.author,
          timestamp: m.timestamp,
          action: parseCurationAction(JSON.parse(canonicalJson(m.message as CanonicalJsonValue))),
        })),
        version: page.messageCount,
      };
    },
    events: (query) =>
      requestZoneJson(
        connection,
        { what: 'read events', method: 'GET', path: 'api/v1/events', query },
        eventsResponseSchema,
      ),
  };
}
