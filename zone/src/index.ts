export { type BuildAppOptions, buildApp } from './app.js';
export { hashToken } from './auth/resolve-token.js';
export type { Bucket } from './bucket/bucket.js';
export { createFilesystemBucket } from './bucket/create-filesystem-bucket.js';
export { runZoneCommand, type ZoneCommandIo, zoneUsage } from './cli/run-zone-command.js';
export { parseZoneConfig, type ZoneConfig } from './config.js';
export { type RunningZone, startZone } from './server.js';
export { collectStaleUploads } from './storage/collect-stale-uploads.js';
export type { ZoneContext } from './zone-context.js';
