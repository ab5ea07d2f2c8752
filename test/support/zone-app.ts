import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrismaClient, uniqueId } from '@figurl/prisma';
import { type BuildAppOptions, buildApp, createFilesystemBucket } from '@figurl/zone';
import type { FastifyInstance } from 'fastify';
import { createTestPrisma } from './database.js';

export interface TestZone {
  app: FastifyInstance;
  context: Awaited<ReturnType<typeof buildApp>>['context'];
  prisma: PrismaClient;
  /** A zone of its own, so tests in parallel never share settings. */
  zoneName: string;
  bucketRoot: string;
  close(): Promise<void>;
}

/**
 * A zone app on the shared test database with a filesystem bucket in a temp folder and a fresh
 * zone (`open`: anyone may upload). Drive it with `app.inject()`.
 */
export async function createTestZoneApp(
  options: { open?: boolean; publicDownload?: boolean } & Partial<Omit<BuildAppOptions, 'prisma' | 'bucket'>> = {},
): Promise<TestZone> {
  const { open = true, publicDownload = true, ...appOptions } = options;
  const prisma = createTestPrisma();
  const bucketRoot = await mkdtemp(join(tmpdir(), 'figurl-bucket-'));
  const { app, context } = await buildApp({
    version: '0.0.0-test',
    prisma,
    bucket: createFilesystemBucket({ root: bucketRoot }),
    publicUrl: 'http://zone.test',
    ...appOptions,
  });
  const zoneName = uniqueId('zone');
  await context.identities.setZone(zoneName, { allowPublicUpload: open, allowPublicDownload: publicDownload });
  return {
    app,
    context,
    prisma,
    zoneName,
    bucketRoot,
    async close() {
      await app.close();
      await prisma.$disconnect();
      await rm(bucketRoot, { recursive: true, force: true });
    },
  };
}
