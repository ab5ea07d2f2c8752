import { codeForStatus, FigurlError, toErrorBody } from '@figurl/sdk';
import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '../database/is-database-unavailable.js';
import { retryAfterSeconds } from './retry-after-seconds.js';

/**
 * Every error leaves the zone in the one wire shape `{ statusCode, code, error, message }`.
 * Fastify's own 4xx errors (bad JSON, body too large, …) keep their message; a lost or
 * unreachable database is `UNAVAILABLE`; anything else becomes `INTERNAL` with no internals in
 * the body, and is logged in full. Every 503 carries `Retry-After`.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const figurlError = err instanceof FigurlError ? err : (fromDatabaseError(err) ?? fromFastifyError(err));
    const body = toErrorBody(figurlError ?? err);
    if (body.statusCode >= 500) request.log.error({ err }, 'request failed');
    if (body.code === 'UNAVAILABLE') reply.header('retry-after', String(retryAfterSeconds));
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

function fromDatabaseError(err: unknown): FigurlError | undefined {
  if (!isDatabaseUnavailable(err)) return undefined;
  return new FigurlError(
    'UNAVAILABLE',
    `database unavailable: the zone cannot reach PostgreSQL or lost its connection; try again in ${retryAfterSeconds} s`,
    { cause: err },
  );
}

function fromFastifyError(err: FastifyError): FigurlError | undefined {
  const status = err.statusCode;
  if (status === undefined || status >= 500) return undefined;
  if (err.validation) return new FigurlError('INVALID_REQUEST', `invalid request: ${err.message}`);
  return new FigurlError(codeForStatus(status), err.message);
}
