export { fromBase64, toBase64 } from './base64.js';
export { concatBytes } from './concat-bytes.js';
export { fromHex, toHex } from './hex.js';
export { readStreamChunks } from './read-stream-chunks.js';
