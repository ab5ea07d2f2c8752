/**
 * Prisma error codes that mean the server could not be reached or dropped the connection:
 * P1001 can't reach the server (ECONNREFUSED, ENOTFOUND), P1002 timed out reaching it,
 * P1008 socket timeout, P1017 server closed the connection (ECONNRESET).
 */
const prismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017']);

/** The `kind` @prisma/adapter-pg gives the same failures (`meta.driverAdapterError.cause.kind`). */
const adapterKinds = new Set(['DatabaseNotReachable', 'SocketTimeout', 'ConnectionClosed', 'TooManyConnections']);

/**
 * SQLSTATEs outside class 08 (connection exception) that mean "not now": 57P01 admin_shutdown
 * (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now
 * (starting up, in recovery), 53300 too_many_connections.
 */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * What `pg` throws, with no code, when a connection dies under it. adapter-pg rethrows these
 * as they are: a query on a connection the server closed, a transaction whose connection was
 * terminated, and the pool's connection timeouts.
 */
const pgMessages = new Set([
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
]);

/**
 * Whether `err` means PostgreSQL is unreachable or dropped the connection — a state that
 * passes (restart, failover, network) and deserves `UNAVAILABLE` with `Retry-After`, not
 * `INTERNAL`. Recognises Prisma's errors (by code, and by the driver adapter error they carry),
 * pg's errors and its connection-loss messages, following `cause` chains. Query errors
 * (constraints, syntax, serialization failures) are not unavailability.
 *
 * @example
 * isDatabaseUnavailable(err); // true for P1001 "Can't reach database server at 127.0.0.1:5432"
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let depth = 0, e = err; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const error = e as { code?: unknown; message?: unknown; meta?: unknown; cause?: unknown };
    if (typeof error.code === 'string' && prismaCodes.has(error.code)) return true;
    if (isUnavailableSqlState(error.code) && typeof (e as { severity?: unknown }).severity === 'string') return true;
    if (typeof error.message === 'string' && pgMessages.has(error.message)) return true;
    const adapterError = (error.meta as { driverAdapterError?: { cause?: unknown } } | undefined)?.driverAdapterError;
    if (adapterError !== undefined && isUnavailableAdapterCause(adapterError.cause)) return true;
    e = error.cause;
  }
  return false;
}

function isUnavailableAdapterCause(cause: unknown): boolean {
  if (typeof cause !== 'object' || cause === null) return false;
  const { kind, originalCode } = cause as { kind?: unknown; originalCode?: unknown };
  return (typeof kind === 'string' && adapterKinds.has(kind)) || isUnavailableSqlState(originalCode);
}

function isUnavailableSqlState(code: unknown): boolean {
  return (
    typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && (code.startsWith('08') || unavailableStates.has(code))
  );
}
