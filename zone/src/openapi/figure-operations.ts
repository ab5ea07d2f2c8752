import {
  deleteFigureResponseSchema,
  figureSchema,
  listFiguresQuerySchema,
  listFiguresResponseSchema,
  registerFigureRequestSchema,
  registerFigureResponseSchema,
  updateFigureRequestSchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import { downloadRight, uploadRight } from './errors.js';
import type { Operation } from './operation.js';
import { figureParamsSchema } from './zone-only-schemas.js';

const ownerOnly = {
  ...uploadRight,
  INVALID_REQUEST: 'a bad figure id, query or body',
  FORBIDDEN: 'the figure belongs to someone else, or the upload right is missing',
  NOT_FOUND: 'no such figure (or it is private and not yours), or no such zone',
};

/** The figures registry (docs/protocol.md §6, routes/figures.ts). */
export const figureOperations: Operation[] = [
  {
    method: 'POST',
    path: '/api/v1/figures',
    operationId: 'registerFigure',
    tag: 'figures',
    summary: 'Record a figURL; the caller owns it',
    query: zoneQuerySchema,
    body: { json: registerFigureRequestSchema, required: true },
    responses: { 201: { description: 'registered, with the blobs it refers to', json: registerFigureResponseSchema } },
    errors: {
      ...uploadRight,
      INVALID_REQUEST: 'a body or query that does not match the schema, or an expiry in the past',
      INVALID_URI: 'viewUri or dataUri is not a URI of the kinds accepted',
      UNAUTHORIZED: 'credentials needed, or a private figure without a signed-in owner',
      FORBIDDEN: 'the upload right is missing, or the data belongs to a private figure the caller may not read',
      NOT_FOUND: 'the sha1 data blob is not stored (see requireData), or no such zone',
    },
  },
  {
    method: 'GET',
    path: '/api/v1/figures',
    operationId: 'listFigures',
    tag: 'figures',
    summary: 'Live figures the caller may see, newest first, a page at a time',
    query: listFiguresQuerySchema,
    parameterNotes: {
      label: 'a part of the label, any case',
      cursor: 'nextCursor of the previous page',
      limit: 'figures per page, 1–200 (default 50)',
    },
    responses: { 200: { description: 'a page', json: listFiguresResponseSchema } },
    errors: { ...downloadRight, INVALID_REQUEST: 'a bad query' },
  },
  {
    method: 'GET',
    path: '/api/v1/figures/{id}',
    operationId: 'getFigure',
    tag: 'figures',
    summary: 'One figure (also an expired one, so its owner can renew it)',
    params: figureParamsSchema,
    query: zoneQuerySchema,
    responses: { 200: { description: 'the figure', json: figureSchema } },
    errors: {
      ...downloadRight,
      INVALID_REQUEST: 'a bad figure id or query',
      NOT_FOUND: 'no such figure: absent, deleted, of another zone, or private and not yours; or no such zone',
    },
  },
  {
    method: 'PATCH',
    path: '/api/v1/figures/{id}',
    operationId: 'updateFigure',
    tag: 'figures',
    summary: "Change a figure's label, pin, expiry or privacy (its owner)",
    params: figureParamsSchema,
    query: zoneQuerySchema,
    body: { json: updateFigureRequestSchema, required: true },
    responses: { 200: { description: 'the figure as changed', json: figureSchema } },
    errors: { ...ownerOnly, UNAUTHORIZED: 'credentials needed, or private: true from an anonymous owner' },
  },
  {
    method: 'DELETE',
    path: '/api/v1/figures/{id}',
    operationId: 'deleteFigure',
    tag: 'figures',
    summary: 'Delete a figure (its owner): gone from lists, its blob references dropped',
    params: figureParamsSchema,
    query: zoneQuerySchema,
    responses: { 200: { description: 'deleted', json: deleteFigureResponseSchema } },
    errors: ownerOnly,
  },
];
