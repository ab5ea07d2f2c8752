import {
  deleteMutableQuerySchema,
  mutableHistoryQuerySchema,
  mutableHistorySchema,
  mutableInfoSchema,
  mutableQuerySchema,
  mutableSchema,
  setMutableRequestSchema,
} from '@figurl/sdk';
import { downloadRight } from './errors.js';
import type { Operation } from './operation.js';

const keyNote = { key: 'the mutable key, percent-encoded as one query value (@ → %40, / → %2F)' };
const writers = {
  INVALID_REQUEST: 'a bad key, query or body, or a Content-Type other than application/json',
  UNAUTHORIZED: 'credentials needed to change it',
  FORBIDDEN: 'the caller is neither its owner, one of its writers nor a zone admin (writers: owner or admin only)',
  NOT_FOUND: 'no such mutable (ifVersion on a key never set, or a delete of a deleted one), or no such zone',
  CONFLICT: 'ifVersion is not the current version, or createOnly and it has a value: nothing changed',
};

/** Mutables: versioned values with compare-and-swap and history (docs/protocol.md §12, routes/mutables.ts). */
export const mutableOperations: Operation[] = [
  {
    method: 'GET',
    path: '/api/v1/mutables',
    operationId: 'getMutable',
    tag: 'mutables',
    summary: 'The current value of a mutable and its version',
    query: mutableQuerySchema,
    parameterNotes: keyNote,
    responses: { 200: { description: 'the mutable; numbers as written', json: mutableSchema } },
    errors: {
      ...downloadRight,
      INVALID_REQUEST: 'a bad key or query',
      NOT_FOUND: 'no such mutable, or it was deleted; or no such zone',
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/mutables',
    operationId: 'setMutable',
    tag: 'mutables',
    summary: 'Set the value (unconditionally, at ifVersion, or createOnly)',
    query: mutableQuerySchema,
    parameterNotes: keyNote,
    body: { json: setMutableRequestSchema, required: true },
    responses: { 200: { description: 'the new version (no value)', json: mutableInfoSchema } },
    errors: { ...writers, PAYLOAD_TOO_LARGE: 'a value over 100,000 characters of canonical JSON' },
  },
  {
    method: 'DELETE',
    path: '/api/v1/mutables',
    operationId: 'deleteMutable',
    tag: 'mutables',
    summary: 'Delete the value (a new version; owner and writers stay)',
    query: deleteMutableQuerySchema,
    parameterNotes: { ...keyNote, ifVersion: 'only while the mutable is at this version' },
    responses: { 200: { description: 'the version of the delete', json: mutableInfoSchema } },
    errors: writers,
  },
  {
    method: 'GET',
    path: '/api/v1/mutables/history',
    operationId: 'getMutableHistory',
    tag: 'mutables',
    summary: 'Versions of a mutable after `after`, oldest first (a delete has value null)',
    query: mutableHistoryQuerySchema,
    parameterNotes: {
      ...keyNote,
      after: 'next of the previous page (default 0: from the start)',
      limit: 'versions per page, 1–1000 (default 100)',
    },
    responses: { 200: { description: 'a page of versions', json: mutableHistorySchema } },
    errors: { ...downloadRight, INVALID_REQUEST: 'a bad key or query', NOT_FOUND: 'no such mutable or zone' },
  },
];
