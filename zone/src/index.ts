export { type BuildAppOptions, buildApp } from './app.js';
export { parseZoneConfig, type ZoneConfig } from './config.js';
export { type RunningZone, startZone } from './server.js';
