import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyMigrations, createPrismaClient, startDatabase } from '@figurl/prisma';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { ZoneConfig } from './config.js';

export interface RunningZone {
  app: FastifyInstance;
  /** Where the zone listens, e.g. `http://127.0.0.1:4100`. */
  url: string;
  databaseUrl: string;
  embeddedDatabase: boolean;
  close(): Promise<void>;
}

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Starts a zone: its database (external, or embedded under `<dataDir>/postgres`), the pending
 * migrations, then the HTTP server. `close()` stops them in reverse order.
 *
 * @example
 * const zone = await startZone({ ...parseZoneConfig(process.env), port: 0 });
 * console.log(zone.url);
 * await zone.close();
 */
export async function startZone(config: ZoneConfig, log: (line: string) => void = () => {}): Promise<RunningZone> {
  const database = await startDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(config.dataDir, 'postgres'),
    log,
  });
  const closers: Array<() => Promise<void>> = [() => database.stop()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    const applied = await applyMigrations({ databaseUrl: database.url, log });
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    const prisma = createPrismaClient({ databaseUrl: database.url });
    closers.push(() => prisma.$disconnect());
    const app = await buildApp({
      version,
      checkDatabase: async () => {
        await prisma.$queryRaw`SELECT 1`;
      },
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    });
    closers.push(() => app.close());
    const address = await app.listen({ host: config.host, port: config.port });
    return { app, url: address, databaseUrl: database.url, embeddedDatabase: database.embedded, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
