import {
  createCurationRequestSchema,
  curationActionsRequestSchema,
  curationActionsResponseSchema,
  curationSchema,
  eventsQuerySchema,
  eventsResponseSchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import { adminRight, uploadRight } from './errors.js';
import type { Operation } from './operation.js';
import { curationParamsSchema } from './zone-only-schemas.js';

const readers = {
  INVALID_REQUEST: 'a bad curation id or query',
  UNAUTHORIZED: 'credentials needed: the curation is not public, or the zone allows no public download',
  FORBIDDEN: 'the caller may not read it',
  NOT_FOUND: 'no such curation in the zone',
};

/**
 * Curation documents and the outbox of events (docs/protocol.md §9, routes/curations.ts). The
 * actions themselves are the feed `curationId`: `/api/v1/feeds/{feedId}/events` streams them.
 */
export const curationOperations: Operation[] = [
  {
    method: 'POST',
    path: '/api/v1/curations',
    operationId: 'createCuration',
    tag: 'curations',
    summary: 'Create a curation document; the caller owns it',
    query: zoneQuerySchema,
    body: { json: createCurationRequestSchema, required: false },
    responses: { 201: { description: 'the new curation', json: curationSchema } },
    errors: { ...uploadRight, INVALID_REQUEST: 'a body or query that does not match the schema' },
  },
  {
    method: 'GET',
    path: '/api/v1/curations/{curationId}',
    operationId: 'getCuration',
    tag: 'curations',
    summary: 'The reduced state of a curation and its version',
    params: curationParamsSchema,
    query: zoneQuerySchema,
    responses: { 200: { description: 'the curation', json: curationSchema } },
    errors: readers,
  },
  {
    method: 'POST',
    path: '/api/v1/curations/{curationId}/actions',
    operationId: 'actOnCuration',
    tag: 'curations',
    summary: 'Apply curation actions in order, all or none (optionally only at ifVersion)',
    params: curationParamsSchema,
    query: zoneQuerySchema,
    body: { json: curationActionsRequestSchema, required: true },
    responses: { 200: { description: 'the new version and state', json: curationActionsResponseSchema } },
    errors: {
      ...readers,
      INVALID_REQUEST: 'a bad curation id, query or action',
      FORBIDDEN: 'the caller is neither the owner, an editor nor a zone admin',
      CONFLICT: 'ifVersion is not the current version: nothing applied',
    },
  },
  {
    method: 'GET',
    path: '/api/v1/events',
    operationId: 'readEvents',
    tag: 'curations',
    summary: 'Outbox events of a topic after a cursor (zone admins: the GitHub app)',
    query: eventsQuerySchema.extend(zoneQuerySchema.shape),
    parameterNotes: {
      topic: 'such as curation.changed',
      after: 'next of the previous answer (0: from the start)',
      limit: 'most events to answer, 1–1000 (default 100)',
    },
    responses: { 200: { description: 'events in id order; pass next as after', json: eventsResponseSchema } },
    errors: { ...adminRight, INVALID_REQUEST: 'a bad query' },
  },
];
