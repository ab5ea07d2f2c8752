import { join } from 'node:path';
import { applyMigrations } from '@figurl/prisma';
import { parseZoneConfig, type RunningZone, startZone } from '@figurl/zone';
import { createFreshDatabase, getDatabaseUrl } from './database.js';

/**
 * A zone server on a free loopback port, open (anonymous uploads), with a bucket under
 * `<dataDir>/zone` and a fresh migrated database of its own: a zone's blob rows and its bucket
 * must belong together, so a test zone never shares a database with another bucket (a blob row
 * left by an earlier run would make an upload "already stored" with no bytes in this bucket).
 * `close()` also drops the database.
 *
 * @example
 * const zone = await startIsolatedZone(work, { FIGURL_GITHUB_API_URL: gh.url });
 * afterAll(() => zone.close());
 */
export async function startIsolatedZone(dataDir: string, env: Record<string, string> = {}): Promise<RunningZone> {
  const database = await createFreshDatabase(getDatabaseUrl());
  await applyMigrations({ databaseUrl: database.url, log: () => undefined });
  const zone = await startZone(
    parseZoneConfig({
      DATABASE_URL: database.url,
      FIGURL_DATA_DIR: join(dataDir, 'zone'),
      FIGURL_PORT: '0',
      FIGURL_OPEN: '1',
      FIGURL_LOG_LEVEL: 'silent',
      ...env,
    }),
  );
  return {
    app: zone.app,
    url: zone.url,
    databaseUrl: zone.databaseUrl,
    embeddedDatabase: zone.embeddedDatabase,
    async close() {
      await zone.close();
      await database.drop();
    },
  };
}
