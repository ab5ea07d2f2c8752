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
