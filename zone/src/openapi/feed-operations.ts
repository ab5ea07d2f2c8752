import {
  appendFeedRequestSchema,
  appendFeedResponseSchema,
  createFeedRequestSchema,
  feedEventsQuerySchema,
  feedMessageSchema,
  feedSchema,
  readFeedQuerySchema,
  readFeedResponseSchema,
  zoneQuerySchema,
} from '@figurl/sdk';
import { uploadRight } from './errors.js';
import type { Operation } from './operation.js';
import { toJsonSchema } from './to-json-schema.js';
import { deleteFeedResponseSchema, feedParamsSchema } from './zone-only-schemas.js';

const readers = {
  INVALID_REQUEST: 'a bad feed id or query',
  UNAUTHORIZED: 'credentials needed: the feed is not public, or the zone allows no public download',
  FORBIDDEN: 'the caller is not one of its readers',
  NOT_FOUND: 'no such feed in the zone (or it was deleted)',
};

/** Feeds: append-only logs with a hash chain and live delivery (docs/protocol.md §8, routes/feeds.ts). */
export const feedOperations: Operation[] = [
  {
    method: 'POST',
    path: '/api/v1/feeds',
    operationId: 'createFeed',
    tag: 'feeds',
    summary: 'Create a feed; the caller owns it',
    query: zoneQuerySchema,
    body: { json: createFeedRequestSchema, required: false },
    responses: { 201: { description: 'the new feed', json: feedSchema } },
    errors: { ...uploadRight, INVALID_REQUEST: 'a body or query that does not match the schema' },
  },
  {
    method: 'GET',
    path: '/api/v1/feeds/{feedId}',
    operationId: 'getFeed',
    tag: 'feeds',
    summary: 'Describe a feed: owner, rights, message count and head hash',
    params: feedParamsSchema,
    query: zoneQuerySchema,
    responses: { 200: { description: 'the feed', json: feedSchema } },
    errors: readers,
  },
  {
    method: 'DELETE',
    path: '/api/v1/feeds/{feedId}',
    operationId: 'deleteFeed',
    tag: 'feeds',
    summary: 'Delete a feed (its owner or a zone admin); every route then answers 404',
    params: feedParamsSchema,
    query: zoneQuerySchema,
    responses: { 200: { description: 'deleted', json: deleteFeedResponseSchema } },
    errors: { ...readers, FORBIDDEN: 'the caller is neither the owner nor a zone admin' },
  },
  {
    method: 'POST',
    path: '/api/v1/feeds/{feedId}/messages',
    operationId: 'appendFeedMessages',
    tag: 'feeds',
    summary: 'Append messages, all or none (optionally only after previousHash)',
    description: 'Numbers keep their written form (1.0, integers beyond 2^53); bodies up to 8 MiB.',
    params: feedParamsSchema,
    query: zoneQuerySchema,
    body: { json: appendFeedRequestSchema, required: true },
    responses: { 200: { description: 'appended (or duplicates of signed messages)', json: appendFeedResponseSchema } },
    errors: {
      ...readers,
      INVALID_REQUEST: 'a bad feed id, query or body',
      UNAUTHORIZED: 'credentials needed, or a signature that does not verify, is stale or of an unregistered client',
      FORBIDDEN: "an author is not one of the feed's writers",
      CONFLICT: 'previousHash is not the head: nothing appended',
      PAYLOAD_TOO_LARGE: 'a message over 65,536 characters of canonical JSON, or a body over 8 MiB',
    },
  },
  {
    method: 'GET',
    path: '/api/v1/feeds/{feedId}/messages',
    operationId: 'readFeedMessages',
    tag: 'feeds',
    summary: 'Read messages from seq `from`; with `wait`, long-poll until one arrives',
    params: feedParamsSchema,
    query: readFeedQuerySchema,
    parameterNotes: {
      from: 'first seq to read',
      limit: 'most messages to answer',
      wait: 'seconds (≤ 30) to wait when there is nothing at from yet; 0 answers at once',
    },
    responses: { 200: { description: 'the messages (maybe none, when wait ran out)', json: readFeedResponseSchema } },
    errors: readers,
  },
  {
    method: 'GET',
    path: '/api/v1/feeds/{feedId}/events',
    operationId: 'watchFeed',
    tag: 'feeds',
    summary: 'Server-Sent Events: every message from seq `from`, then each as it is appended',
    params: feedParamsSchema,
    query: feedEventsQuerySchema,
    parameterNotes: { from: 'first seq to send (Last-Event-ID wins)' },
    headers: [
      {
        name: 'Last-Event-ID',
        description: 'the last seq received: resume after it (EventSource sends it when it reconnects)',
        schema: { type: 'string', pattern: '^[0-9]+$' },
      },
    ],
    responses: {
      200: {
        description:
          'an endless stream: `retry: 2000`, then `id: <seq>` / `event: message` / `data: <message JSON>` per message, ' +
          '`: keep-alive` every 15 s, and `event: error` / `data: {"message"}` before the zone ends it on a failure',
        content: {
          'text/event-stream': {
            schema: { type: 'string' },
            'x-events': {
              message: { id: 'the seq', data: toJsonSchema(feedMessageSchema, 'output') },
              error: {
                data: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
              },
            },
          },
        },
      },
    },
    errors: readers,
  },
];
