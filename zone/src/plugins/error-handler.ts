import { codeForStatus, FigurlError, toErrorBody } from '@figurl/sdk';
import type { FastifyError, FastifyInstance } from 'fastify';

/**
 * Every error leaves the zone in the one wire shape `{ statusCode, code, error, message }`.
 * Fastify's own 4xx errors (bad JSON, body too large, …) keep their message; anything else
 * becomes `INTERNAL` with no internals in the body, and is logged in full.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const figurlError = err instanceof FigurlError ? err : fromFastifyError(err);
    const body = toErrorBody(figurlError ?? err);
    if (body.statusCode >= 500) request.log.error({ err }, 'request failed');
    return reply.status(body.statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body = toErrorBody(
      new FigurlError(
        'NOT_FOUND',
        `no route ${request.method} ${request.url.split('?')[0]}: see /openapi.json for the API`,
      ),
    );
    return reply.status(404).send(body);
  });
}

function fromFastifyError(err: FastifyError): FigurlError | undefined {
  const status = err.statusCode;
  if (status === undefined || status >= 500) return undefined;
  if (err.validation) return new FigurlError('INVALID_REQUEST', `invalid request: ${err.message}`);
  return new FigurlError(codeForStatus(status), err.message);
}
