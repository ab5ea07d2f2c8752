import { FigurlError } from '../errors/index.js';
import {
  type EdgeRequest,
  type EdgeRequestState,
  edgeRequestSchema,
  type RequestBlobResponse,
  requestBlobResponseSchema,
} from '../schemas/edge.js';
import { isSha1Hash } from '../uri/is-sha1-hash.js';
import { requestZoneJson } from './request-zone-json.js';
import type { ZoneConnection } from './send-zone-request.js';

export interface GetEdgeRequestOptions {
  /** Seconds to wait for the request to differ from `known` (0–30). */
  wait?: number;
  known?: { state: EdgeRequestState; bytes: number };
  signal?: AbortSignal;
}

/** Blobs that a `figurl share` resource holds and the zone does not (docs/protocol.md §11). */
export interface EdgeClient {
  /** `POST /api/v1/blobs/:sha1/request`: `exists`, or the request (new, or shared with other askers). */
  request(sha1: string): Promise<RequestBlobResponse>;
  /** `GET /api/v1/blobs/:sha1/request/:id`, long-polling with `wait`. */
  get(sha1: string, requestId: string, options?: GetEdgeRequestOptions): Promise<EdgeRequest>;
  /**
   * Asks for the blob and waits until the zone stores it, reporting each change of the request
   * (state, bytes) to `onProgress`. Throws NOT_FOUND when no connected resource announced it,
   * UNAVAILABLE when the resource failed or went away (the message says why).
   */
  fetchToZone(
    sha1: string,
    options?: { onProgress?: (request: EdgeRequest) => void; signal?: AbortSignal },
  ): Promise<void>;
}

/**
 * @example
 * const edge = createEdgeClient(zone.connection);
 * await edge.fetchToZone(sha1, { onProgress: (r) => console.error(r.state, r.bytes, r.size) });
 * const { path } = await loadFile(zone, { hash: sha1, cacheDir });
 */
export function createEdgeClient(connection: ZoneConnection): EdgeClient {
  const path = (sha1: string) => `api/v1/blobs/${checkHash(sha1)}/request`;
  const client: EdgeClient = {
    request: (sha1) =>
      requestZoneJson(
        connection,
        { what: 'request blob', method: 'POST', path: path(sha1), body: {} },
        requestBlobResponseSchema,
      ),

    get(sha1, requestId, options = {}) {
      const { wait, known, signal } = options;
      return requestZoneJson(
        connection,
        {
          what: 'get blob request',
          method: 'GET',
          path: `${path(sha1)}/${encodeURIComponent(requestId)}`,
          query: { wait, state: known?.state, bytes: known?.bytes },
          ...(signal === undefined ? {} : { signal }),
        },
        edgeRequestSchema,
      );
    },

    async fetchToZone(sha1, options = {}) {
      const { onProgress, signal } = options;
      const answer = await client.request(sha1);
      if (answer.status === 'exists') return;
      let request = answer.request;
      for (;;) {
        onProgress?.(request);
        if (request.state === 'completed') return;
        if (request.state === 'failed') {
          throw new FigurlError(
            'UNAVAILABLE',
            `resource "${request.resource.name}" could not send sha1://${sha1}: ${request.error ?? 'no reason given'}`,
          );
        }
        if (signal?.aborted) throw new FigurlError('UNAVAILABLE', `stopped waiting for sha1://${sha1}`);
        const known = { state: request.state, bytes: request.bytes };
        request = await client.get(sha1, request.id, { wait: 25, known, ...(signal === undefined ? {} : { signal }) });
      }
    },
  };
  return client;
}

function checkHash(sha1: string): string {
  if (isSha1Hash(sha1)) return sha1;
  throw new FigurlError(
    'INVALID_REQUEST',
    `invalid sha1 hash ${JSON.stringify(sha1)}: expected 40 lowercase hex characters`,
  );
}
