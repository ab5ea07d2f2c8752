import type { ErrorNotes } from './errors.js';
import type { HeaderParameter, MediaType } from './operation.js';

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

/**
 * `X-Figurl-Acting-For`, which every route that reads a bearer token honours
 * (auth/resolve-actor.ts), and the refusals it adds to theirs.
 */
export const actingForHeader: HeaderParameter = {
  name: 'X-Figurl-Acting-For',
  description:
    'a GitHub login: the request acts as that user (rights and authorship), vouched for by a bearer token with ' +
    'the scope delegate (a shell acting for its signed-in users)',
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,38}$' },
};
export const actingForErrors: ErrorNotes = {
  INVALID_REQUEST: 'X-Figurl-Acting-For is not a GitHub login',
  FORBIDDEN: 'X-Figurl-Acting-For without a bearer token of scope delegate',
};
