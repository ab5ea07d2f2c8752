export {
  createZoneClient,
  type FinalizeUploadResponse,
  type InitiateUploadRequest,
  type InitiateUploadResponse,
  type ZoneClient,
  type ZoneClientOptions,
} from './create-zone-client.js';
export {
  type CreateCurationRequest,
  type CurationActionsPage,
  type CurationActionsResult,
  type CurationClient,
  createCurationClient,
  type OutboxEvents,
} from './curation-client.js';
export type { BlobDownload, ByteRange } from './download-blob.js';
export { createEdgeClient, type EdgeClient, type GetEdgeRequestOptions } from './edge-client.js';
export {
  type AppendFeedResult,
  type CreateFeedRequest,
  createFeedClient,
  type FeedClient,
  type FeedMessageInput,
  type ReadFeedOptions,
  type ReadFeedResult,
} from './feed-client.js';
export {
  createFigureClient,
  type FigureClient,
  type ListFiguresOptions,
} from './figure-client.js';
export { createGitHubAppClient, type GitHubAppClient } from './github-app-client.js';
export { createMutableClient, type MutableClient, type SetMutableOptions } from './mutable-client.js';
export { createPinClient, type PinClient } from './pin-client.js';
export { requestZoneJson, type ZoneJsonCall } from './request-zone-json.js';
export type { ZoneConnection } from './send-zone-request.js';
export type { UploadBody } from './to-upload-stream.js';
export type { ZoneFetch, ZoneRequestInit } from './zone-fetch.js';
