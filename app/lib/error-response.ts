import { FigurlError, toErrorBody } from '@figurl/sdk';

/**
 * The figurl error body (`{ statusCode, code, error, message }`) as a response. Errors that are
 * not FigurlErrors are logged here and answered as a bare INTERNAL, never with their details;
 * a FigurlError of the 5xx kind (GitHub or the zone unreachable) is logged as one line.
 */
export function toErrorResponse(err: unknown): Response {
  if (!(err instanceof FigurlError)) console.error(err);
  else if (err.statusCode >= 500) console.warn(`${err.code}: ${err.message}`);
  const body = toErrorBody(err);
  return Response.json(body, { status: body.statusCode, headers: { 'cache-control': 'no-store' } });
}
