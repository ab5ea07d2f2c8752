export { createNodeHasher } from './create-node-hasher.js';
export { digestFile, sha1File } from './digest-file.js';
export { type LoadedFile, type LoadFileOptions, loadFile } from './load-file.js';
export { type StoredFile, storeFile } from './store-file.js';
export { toCachePath } from './to-cache-path.js';
export type { OnTransferProgress, TransferProgress } from './transfer-progress.js';
export { verifyEd25519 } from './verify-ed25519.js';
