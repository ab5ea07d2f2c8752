import type { StandInResponse } from './route-table.js';

/** `documentation_url` values GitHub puts in error bodies, by endpoint. */
export const docs = {
  rest: 'https://docs.github.com/rest',
  getAuthenticatedUser: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  getRepository: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  getContent: 'https://docs.github.com/rest/repos/contents#get-repository-content',
  putContent: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
  rateLimits: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
} as const;

/**
 * A REST API error as GitHub sends it ("Troubleshooting the REST API"; bodies seen since 2024
 * also carry the status as a string): `{ message, documentation_url, status: '404' }`.
 *
 * @example
 * toErrorResponse(404, 'Not Found', docs.getContent);
 */
export function toErrorResponse(status: number, message: string, documentationUrl: string): StandInResponse {
  return { status, json: { message, documentation_url: documentationUrl, status: String(status) } };
}

/**
 * GitHub's 422 for a rejected resource ("Troubleshooting the REST API", Validation failed):
 * `{ message: 'Validation Failed', errors: [{ resource, code, field, message? }], … }`.
 *
 * @example
 * toValidationFailed([{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: '…' }], url);
 */
export function toValidationFailed(
  errors: ReadonlyArray<{ resource: string; code: string; field?: string; message?: string }>,
  documentationUrl: string,
): StandInResponse {
  return {
    status: 422,
    json: { message: 'Validation Failed', errors, documentation_url: documentationUrl, status: '422' },
  };
}

/** A JSON object body (empty means `{}`), or null where GitHub answers 400 "Problems parsing JSON". */
export function parseJsonObject(body: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  return null;
}
