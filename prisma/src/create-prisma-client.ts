import { FigurlError } from '@figurl/sdk';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client.js';
import { assertDatabaseUrl } from './assert-database-url.js';

export interface CreatePrismaClientOptions {
  /** PostgreSQL URL, e.g. `postgresql://postgres@127.0.0.1:5432/figurl`. */
  databaseUrl: string;
  /** Most connections the pool opens (pg's default is 10). */
  max?: number;
  /**
   * How long opening a connection may take before the query fails (default 5 s), so that
   * requests fail fast instead of hanging while the server is unreachable or frozen.
   */
  connectionTimeoutMs?: number;
  /**
   * Told about connections the server or the network dropped (`pg_terminate_backend`, a
   * restart): idle ones leave the pool, busy ones fail their query. Never rethrow here.
   */
  onConnectionError?: (err: Error) => void;
}

/** Idle connections close after this long, so the pool shrinks back and stale sockets go. */
const idleTimeoutMs = 10_000;

/**
 * A Prisma client on the Rust-free engine, talking to PostgreSQL through `pg` (`@prisma/adapter-pg`).
 * It connects lazily and survives losing the database: `pg` Pool and connection 'error' events
 * are always handled (an unhandled one would end the process), dead connections are replaced
 * on the next query, and connecting gives up after `connectionTimeoutMs`. `$disconnect()`
 * closes its pool.
 *
 * @example
 * const prisma = createPrismaClient({ databaseUrl, max: 4 });
 * try {
 *   await prisma.user.findMany();
 * } finally {
 *   await prisma.$disconnect();
 * }
 */
export function createPrismaClient(options: CreatePrismaClientOptions): PrismaClient {
  const { databaseUrl, max, connectionTimeoutMs = 5000, onConnectionError = () => {} } = options;
  assertDatabaseUrl(databaseUrl);
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    throw new FigurlError('INVALID_REQUEST', `invalid pool size ${JSON.stringify(max)}: expected a positive integer`);
  }
  if (!(Number.isInteger(connectionTimeoutMs) && connectionTimeoutMs > 0)) {
    throw new FigurlError(
      'INVALID_REQUEST',
      `invalid connection timeout ${JSON.stringify(connectionTimeoutMs)} ms: expected a positive integer`,
    );
  }
  const adapter = new PrismaPg(
    {
      connectionString: databaseUrl,
      ...(max === undefined ? {} : { max }),
      connectionTimeoutMillis: connectionTimeoutMs,
      idleTimeoutMillis: idleTimeoutMs,
      // TCP keepalives find connections a vanished server or network left half open.
      keepAlive: true,
    },
    { onPoolError: onConnectionError, onConnectionError },
  );
  return new PrismaClient({ adapter });
}
