import { FigurlError, quote } from '../errors/index.js';
import {
  type DeleteFigureResponse,
  deleteFigureResponseSchema,
  type FigureRecord,
  figureSchema,
  type ListFiguresResponse,
  listFiguresResponseSchema,
  type RegisterFigureRequest,
  type RegisterFigureResponse,
  registerFigureResponseSchema,
  type SignedUrlResponse,
  signedUrlResponseSchema,
  type UpdateFigureRequest,
} from '../schemas/figures.js';
import { isSha1Hash } from '../uri/is-sha1-hash.js';
import { requestZoneJson } from './request-zone-json.js';
import type { ZoneConnection } from './send-zone-request.js';

export interface ListFiguresOptions {
  owner?: string;
  repo?: string;
  pullRequest?: number;
  /** Case-insensitive substring of the label. */
  label?: string;
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Figures per page (the zone's default 50, at most 200). */
  limit?: number;
  signal?: AbortSignal;
}

/** The figures registry of a zone (docs/protocol.md §6). Every method throws FigurlError. */
export interface FigureClient {
  /** `POST /api/v1/figures`: records a figURL owned by the caller. */
  register(request: RegisterFigureRequest): Promise<RegisterFigureResponse>;
  /** `GET /api/v1/figures/:id`; NOT_FOUND when absent, deleted or private to others. */
  get(id: string): Promise<FigureRecord>;
  /** One page of `GET /api/v1/figures`, newest first. */
  list(options?: ListFiguresOptions): Promise<ListFiguresResponse>;
  /** `PATCH /api/v1/figures/:id` (owner only): sets the given fields. */
  update(id: string, changes: UpdateFigureRequest): Promise<FigureRecord>;
  /** `DELETE /api/v1/figures/:id` (owner only). */
  remove(id: string): Promise<DeleteFigureResponse>;
  /** `POST /api/v1/blobs/:sha1/signed-url`: a link that downloads without credentials until it expires. */
  signBlobUrl(sha1: string, options?: { expiresInSeconds?: number }): Promise<SignedUrlResponse>;
}

/**
 * A client of a zone's figures registry, on the connection of a zone client.
 *
 * @example
 * const figures = createFigureClient(createZoneClient({ baseUrl, fetch, token }).connection);
 * const { figure } = await figures.register({ viewUri: 'gs://figurl/vegalite-2', dataUri, label: 'stocks' });
 * const page = await figures.list({ repo: 'octo/lab', pullRequest: 12 });
 */
export function createFigureClient(connection: ZoneConnection): FigureClient {
  const figurePath = (id: string) => `api/v1/figures/${encodeURIComponent(id)}`;
  return {
    register(request) {
      return requestZoneJson(
        connection,
        { what: 'register figure', method: 'POST', path: 'api/v1/figures', body: request },
        registerFigureResponseSchema,
      );
    },
    get(id) {
      return requestZoneJson(connection, { what: 'get figure', method: 'GET', path: figurePath(id) }, figureSchema);
    },
    list(options = {}) {
      const { signal, ...query } = options;
      return requestZoneJson(
        connection,
        {
          what: 'list figures',
          method: 'GET',
          path: 'api/v1/figures',
          query,
          ...(signal === undefined ? {} : { signal }),
        },
        listFiguresResponseSchema,
      );
    },
    update(id, changes) {
      return requestZoneJson(
        connection,
        { what: 'update figure', method: 'PATCH', path: figurePath(id), body: changes },
        figureSchema,
      );
    },
    remove(id) {
      return requestZoneJson(
        connection,
        { what: 'delete figure', method: 'DELETE', path: figurePath(id) },
        deleteFigureResponseSchema,
      );
    },
    async signBlobUrl(sha1, options = {}) {
      if (!isSha1Hash(sha1)) {
        throw new FigurlError(
          'INVALID_REQUEST',
          `invalid sha1 hash ${quote(sha1)}: expected 40 lowercase hex characters`,
        );
      }
      return requestZoneJson(
        connection,
        { what: 'sign blob URL', method: 'POST', path: `api/v1/blobs/${sha1}/signed-url`, body: options },
        signedUrlResponseSchema,
      );
    },
  };
}
