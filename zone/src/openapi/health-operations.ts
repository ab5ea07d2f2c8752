import { healthResponseSchema, readinessResponseSchema } from '@figurl/sdk';
import type { Operation } from './operation.js';

/** Probes and this document (routes/health.ts, routes/openapi.ts). */
export const healthOperations: Operation[] = [
  {
    method: 'GET',
    path: '/healthz',
    operationId: 'getHealth',
    tag: 'health',
    summary: 'The process serves',
    description: 'Answers 200 even while the database is away: restarting the zone would not bring it back.',
    authenticated: false,
    responses: { 200: { description: 'serving', json: healthResponseSchema } },
    errors: {},
  },
  {
    method: 'GET',
    path: '/readyz',
    operationId: 'getReadiness',
    tag: 'health',
    summary: 'The zone can do useful work: its database answers',
    authenticated: false,
    responses: {
      200: { description: 'ready', json: readinessResponseSchema },
      503: {
        description: 'not ready: the database did not answer in time',
        json: readinessResponseSchema,
        headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer', minimum: 0 } } },
      },
    },
    errors: {},
  },
  {
    method: 'GET',
    path: '/openapi.json',
    operationId: 'getOpenApi',
    tag: 'health',
    summary: 'This document: the zone API as OpenAPI 3.1',
    authenticated: false,
    responses: {
      200: { description: 'the document', content: { 'application/json': { schema: { type: 'object' } } } },
    },
    errors: {},
  },
];
