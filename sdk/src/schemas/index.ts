export * from './figures.js';
export * from './kachery-gateway.js';
export { parseWith } from './parse-with.js';
export * from './primitives.js';
export * from './zone-api.js';
