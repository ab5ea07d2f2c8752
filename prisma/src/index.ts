/**
 * @figurl/prisma: the database of figurl — generated Prisma client, migration runner,
 * PostgreSQL helper and test factories.
 *
 * @example
 * import { applyMigrations, createPrismaClient, startDatabase } from '@figurl/prisma';
 * const db = await startDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '.figurl/postgres' });
 * await applyMigrations({ databaseUrl: db.url });
 * const prisma = createPrismaClient({ databaseUrl: db.url });
 */
export type {
  ApiToken,
  Blob,
  Client,
  SeenRequest,
  Upload,
  UsageDay,
  User,
  Zone,
  ZoneMember,
} from '../generated/client.js';
export { Prisma, PrismaClient } from '../generated/client.js';
export * as enums from '../generated/enums.js';
export { type CreatePrismaClientOptions, createPrismaClient } from './create-prisma-client.js';
export { findFreePort } from './find-free-port.js';
export { findRunningEmbeddedPostgres } from './find-running-embedded-postgres.js';
export { findPostgresBinariesPackage, hydratePostgresSymlinks } from './hydrate-postgres-symlinks.js';
export { type ApplyMigrationsOptions, applyMigrations } from './migrate.js';
export { checksumMatches, migrationChecksum } from './migration-checksum.js';
export { type StartDatabaseOptions, type StartedDatabase, startDatabase } from './postgres.js';
export { defaultMigrationsDir, type MigrationFile, readMigrations } from './read-migrations.js';
export { redactUrl } from './redact-url.js';
export * from './seed-factories.js';
