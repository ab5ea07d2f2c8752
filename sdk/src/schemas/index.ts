export * from './edge.js';
export * from './figures.js';
export * from './kachery-gateway.js';
export { maxMutableKeyLength, mutableKeyProblem, parseMutableKey } from './mutable-key.js';
export * from './mutables.js';
export { parseWith } from './parse-with.js';
export * from './pins.js';
export * from './primitives.js';
export * from './zone-api.js';
