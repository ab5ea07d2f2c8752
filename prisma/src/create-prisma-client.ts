import { FigurlError } from '@figurl/sdk';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client.js';
import { assertDatabaseUrl } from './assert-database-url.js';

export interface CreatePrismaClientOptions {
  /** PostgreSQL URL, e.g. `postgresql://postgres@127.0.0.1:5432/figurl`. */
  databaseUrl: string;
  /** Most connections the pool opens (pg's default is 10). */
  max?: number;
}

/**
 * A Prisma client on the Rust-free engine, talking to PostgreSQL through `pg` (`@prisma/adapter-pg`).
 * It connects lazily; `$disconnect()` closes its pool.
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
  const { databaseUrl, max } = options;
  assertDatabaseUrl(databaseUrl);
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
    throw new FigurlError('INVALID_REQUEST', `invalid pool size ${JSON.stringify(max)}: expected a positive integer`);
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, ...(max === undefined ? {} : { max }) });
  return new PrismaClient({ adapter });
}
