import { Prisma } from '@figurl/prisma';
import { FigurlError } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../zone/src/database/is-database-unavailable.js';

/** A Prisma error as Prisma 7 with @prisma/adapter-pg throws it: the driver's failure in `meta`. */
function prismaError(code: string, cause: Record<string, unknown>): Prisma.PrismaClientKnownRequestError {
  return new Prisma.PrismaClientKnownRequestError(`Invalid invocation (${code})`, {
    code,
    clientVersion: '7.10.1',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });
}

function postgresCause(code: string, message: string): Record<string, unknown> {
  return { originalCode: code, originalMessage: message, kind: 'postgres', code, severity: 'FATAL', message };
}

/** pg's DatabaseError: a SQLSTATE `code` and a `severity`. */
function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'FATAL' });
}

describe('isDatabaseUnavailable', () => {
  // The shapes below were recorded from real failures (test/integration/reliability/g7-database-outage.test.ts).
  it('recognises a lost or unreachable PostgreSQL as Prisma and pg report it', () => {
    const unavailable: Array<[string, unknown]> = [
      [
        'server down (ECONNREFUSED)',
        prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }),
      ],
      ['connection reset (ECONNRESET)', prismaError('P1017', { kind: 'ConnectionClosed' })],
      ['socket timeout', prismaError('P1008', { kind: 'SocketTimeout' })],
      [
        'pg_terminate_backend or fast shutdown, raw query',
        prismaError('P2010', postgresCause('57P01', 'terminating connection due to administrator command')),
      ],
      [
        'server starting up, model query',
        prismaError('P2039', postgresCause('57P03', 'the database system is starting up')),
      ],
      ['crash shutdown', prismaError('P2010', postgresCause('57P02', 'terminating connection because of crash'))],
      ['connection exception class 08', prismaError('P2010', postgresCause('08006', 'connection failure'))],
      ['too many connections', prismaError('P2037', { kind: 'TooManyConnections', cause: 'sorry, too many clients' })],
      ['query on a connection the server closed (immediate shutdown)', new Error('Connection terminated unexpectedly')],
      [
        'transaction whose connection was terminated',
        new Error('Client has encountered a connection error and is not queryable'),
      ],
      [
        'pool connect timeout (a frozen server)',
        new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }),
      ],
      ['pool exhausted past the connect timeout', new Error('timeout exceeded when trying to connect')],
      ['pg error, admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
      ['pg error, class 08', pgError('08P01', 'protocol violation')],
      ['wrapped in a cause', new Error('recording failed', { cause: pgError('57P03', 'starting up') })],
    ];
    for (const [what, err] of unavailable) expect(isDatabaseUnavailable(err), what).toBe(true);
  });

  it('leaves query errors, application errors and other sockets alone', () => {
    const other: Array<[string, unknown]> = [
      [
        'unique violation',
        prismaError('P2002', { kind: 'UniqueConstraintViolation', constraint: { fields: ['sha1'] } }),
      ],
      ['serialization failure', prismaError('P2034', { kind: 'TransactionWriteConflict' })],
      [
        'statement timeout',
        prismaError('P2010', postgresCause('57014', 'canceling statement due to statement timeout')),
      ],
      ['syntax error', prismaError('P2010', postgresCause('42601', 'syntax error at or near "x"'))],
      ['authentication failed (configuration, not an outage)', prismaError('P1000', { kind: 'AuthenticationFailed' })],
      ['pg unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
      ['a client socket reset (not the database)', Object.assign(new Error('aborted'), { code: 'ECONNRESET' })],
      ['a figurl error', new FigurlError('NOT_FOUND', 'no blob')],
      ['a plain error', new Error('boom')],
      ['a 5-letter code without severity', Object.assign(new Error('x'), { code: '57P01' })],
      ['not an error', 'Connection terminated unexpectedly'],
      ['null', null],
      ['undefined', undefined],
    ];
    for (const [what, err] of other) expect(isDatabaseUnavailable(err), what).toBe(false);
  });
});
