export * from './bytes/index.js';
export * from './canonical-json/index.js';
export * from './errors/index.js';
export * from './hash/index.js';
export * from './schemas/index.js';
export * from './signing/index.js';
export * from './uri/index.js';
export * from './zone-client/index.js';
