export { type BuildAppOptions, buildApp } from './app.js';
export { hashToken } from './auth/resolve-token.js';
export type { Bucket } from './bucket/bucket.js';
export { createFilesystemBucket } from './bucket/create-filesystem-bucket.js';
export { ensureShellToken, shellServiceUser, shellTokenFileName } from './cli/ensure-shell-token.js';
export { runZoneCommand, type ZoneCommandIo, zoneUsage } from './cli/run-zone-command.js';
export { parseZoneConfig, type ZoneConfig } from './config.js';
export { deliverEvent, type OutboxDelivery } from './curations/deliver-event.js';
export {
  createGitHubRepoPermissions,
  type GitHubAppCredentials,
} from './github/create-github-repo-permissions.js';
export type { RepoPermissions } from './github/repo-permissions.js';
export { type JobQueue, type JobQueueOptions, startJobQueue } from './jobs/job-queue.js';
export { lockBlobsForReference } from './lifecycle/blob-lock.js';
export {
  type CollectGarbageOptions,
  collectGarbage,
  type GarbageCollectorDeps,
  type GarbageReport,
} from './lifecycle/collect-garbage.js';
export { collectGarbageJob, scheduleGarbageCollection } from './lifecycle/schedule-garbage-collection.js';
export { createGarbageRepository } from './repositories/garbage-repository.js';
export { createIdentityRepository } from './repositories/identity-repository.js';
export { type RunningZone, startZone } from './server.js';
export { collectStaleUploads } from './storage/collect-stale-uploads.js';
export type { ZoneContext } from './zone-context.js';
