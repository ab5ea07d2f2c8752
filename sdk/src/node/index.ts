export { createNodeHasher } from './create-node-hasher.js';
export { digestFile } from './digest-file.js';
