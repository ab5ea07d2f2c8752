import type { FastifyRequest } from 'fastify';
import type { CurationStore } from './curations/curation-store.js';
import type { Outbox } from './curations/outbox.js';
import type { EdgeDeps } from './edge/edge-deps.js';
import type { FeedAppender } from './feeds/feed-appender.js';
import type { FeedHub } from './feeds/feed-hub.js';
import type { FeedStore } from './feeds/feed-store.js';
import type { RepoPermissions } from './github/repo-permissions.js';
import type { BlobAccessRepository } from './repositories/blob-access-repository.js';
import type { FigureRepository } from './repositories/figure-repository.js';
import type { IdentityRepository } from './repositories/identity-repository.js';
import type { MutableRepository } from './repositories/mutable-repository.js';
import type { PinRepository } from './repositories/pin-repository.js';
import type { SeenRequestRepository } from './repositories/seen-request-repository.js';
import type { StorageDeps } from './storage/storage-deps.js';

/** Feeds: rows and messages, the group-committing appender, the cross-replica wake-ups. */
export interface FeedDeps {
  store: FeedStore;
  appender: FeedAppender;
  hub: FeedHub;
}

/** Everything the routes use, built once by `buildApp`. */
export interface ZoneContext {
  storage: StorageDeps;
  feeds: FeedDeps;
  curations: CurationStore;
  outbox: Outbox;
  identities: IdentityRepository;
  mutables: MutableRepository;
  seenRequests: SeenRequestRepository;
  /** Users' pins of blobs (the collector keeps pinned blobs). */
  pins: PinRepository;
  figures: FigureRepository;
  /** Who may read blobs that private figures refer to. */
  blobAccess: BlobAccessRepository;
  /** Key of signed blob URLs (HMAC-SHA256). */
  urlSecret: string;
  /** Base URL clients reach this zone at; derived from each request when unset. */
  publicUrl: string | undefined;
  /** Accepted clock difference of signed requests, in ms (±). */
  signatureWindowMs: number;
  /** Edge resources: `figurl share` connections and the requests they serve. */
  edge: EdgeDeps;
  /** Push rights on GitHub repositories (a curation's `editRepo`); unset: only listed editors act. */
  repoPermissions: RepoPermissions | undefined;
  now: () => Date;
}

/** The zone's base URL as the client sees it, for upload and download URLs in responses. */
export function baseUrlOf(context: ZoneContext, request: FastifyRequest): string {
  return context.publicUrl ?? `${request.protocol}://${request.host}`;
}
