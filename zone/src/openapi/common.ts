import type { MediaType } from './operation.js';

/** Descriptions of the parameters many routes share. */
export const sharedNotes: Record<string, string> = {
  zone: 'which zone of the server; "default" when absent',
  hash: 'the SHA-1 of the content, 40 lowercase hex characters',
};

/** Raw bytes, as blobs travel. */
export const bytes: Record<string, MediaType> = {
  'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
};

/** A short text for people (registration links open in a browser). */
export const plainText: Record<string, MediaType> = { 'text/plain': { schema: { type: 'string' } } };
