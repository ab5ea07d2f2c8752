import type { z } from 'zod';
import type { SortingCurationAction } from '../curation/sorting-curation-action-schema.js';
import {
  type CurationInfo,
  type createCurationRequestSchema,
  curationActionsResponseSchema,
  curationSchema,
  eventsResponseSchema,
} from '../schemas/curations.js';
import { requestZoneJson } from './request-zone-json.js';
import type { ZoneConnection } from './send-zone-request.js';

export type CreateCurationRequest = z.input<typeof createCurationRequestSchema>;
export type CurationActionsResult = z.infer<typeof curationActionsResponseSchema>;
export type OutboxEvents = z.infer<typeof eventsResponseSchema>;

/** Curation documents of one zone (docs/protocol.md §7). */
export interface CurationClient {
  create(request?: CreateCurationRequest): Promise<CurationInfo>;
  get(curationId: string): Promise<CurationInfo>;
  /** Applies `actions` in order, all or none; `ifVersion` makes a stale view CONFLICT. */
  act(
    curationId: string,
    actions: readonly SortingCurationAction[],
    options?: { ifVersion?: number },
  ): Promise<CurationActionsResult>;
  /** Outbox events after a cursor (zone admins: the GitHub app). */
  events(query: { topic: string; after?: number; limit?: number }): Promise<OutboxEvents>;
}

/**
 * @example
 * const curations = createCurationClient(zone.connection);
 * const { curationId } = await curations.create({ label: 'sorting 12', editors: ['bob'] });
 * await curations.act(curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 3, label: 'accept' }]);
 */
export function createCurationClient(connection: ZoneConnection): CurationClient {
  const path = (id: string) => `api/v1/curations/${encodeURIComponent(id)}`;
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
    events: (query) =>
      requestZoneJson(
        connection,
        { what: 'read events', method: 'GET', path: 'api/v1/events', query },
        eventsResponseSchema,
      ),
  };
}
