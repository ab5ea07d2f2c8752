import { FigurlError, toErrorBody } from '@figurl/sdk';

/**
 * The figurl error body (`{ statusCode, code, error, message }`) as a response. Errors that are
 * not FigurlErrors are logged here and answered as a bare INTERNAL, never with their details.
 */
export function toErrorResponse(err: unknown): Response {
  if (!(err instanceof FigurlError) || err.statusCode >= 500) console.error(err);
  const body = toErrorBody(err);
  return Response.json(body, { status: body.statusCode, headers: { 'cache-control': 'no-store' } });
}
