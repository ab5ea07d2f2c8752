import {
  listPinsQuerySchema,
  listPinsResponseSchema,
  pinRequestSchema,
  pinSchema,
  unpinResponseSchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import { uploadRight } from './errors.js';
import type { Operation } from './operation.js';
import { hashParamsSchema } from './zone-only-schemas.js';

const signedIn = 'no bearer token: pins of anonymous uploads are shared by everyone and stay';

/** Pins: a user's claim that a blob must be kept (docs/protocol.md §10, routes/pins.ts). */
export const pinOperations: Operation[] = [
  {
    method: 'POST',
    path: '/api/v1/pins/{hash}',
    operationId: 'pinBlob',
    tag: 'pins',
    summary: 'Keep a stored blob for the caller (until expiresInSeconds, or until unpinned)',
    params: hashParamsSchema,
    query: zoneQuerySchema,
    body: { json: pinRequestSchema, required: false },
    responses: { 200: { description: "the caller's pin", json: pinSchema } },
    errors: {
      ...uploadRight,
      INVALID_REQUEST: 'a bad hash, query or body',
      NOT_FOUND: 'the blob is not stored, or no such zone',
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/pins/{hash}',
    operationId: 'unpinBlob',
    tag: 'pins',
    summary: "Remove the caller's pin of a blob (signed in)",
    params: hashParamsSchema,
    query: zoneQuerySchema,
    responses: { 200: { description: 'unpinned', json: unpinResponseSchema } },
    errors: {
      ...uploadRight,
      INVALID_REQUEST: 'a bad hash or query',
      UNAUTHORIZED: signedIn,
      NOT_FOUND: 'the caller has no pin of the blob, or no such zone',
    },
  },
  {
    method: 'GET',
    path: '/api/v1/pins',
    operationId: 'listPins',
    tag: 'pins',
    summary: "The caller's pins in sha1 order, a page at a time (signed in)",
    query: listPinsQuerySchema,
    parameterNotes: { after: 'next of the previous page', limit: 'pins per page, 1–1000 (default 100)' },
    responses: { 200: { description: 'a page', json: listPinsResponseSchema } },
    errors: { ...uploadRight, INVALID_REQUEST: 'a bad query', UNAUTHORIZED: signedIn },
  },
];
