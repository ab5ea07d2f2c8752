import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PrismaClient, uniqueId } from '@figurl/prisma';
import { type Bucket, type BuildAppOptions, buildApp, createFilesystemBucket } from '@figurl/zone';
import type { FastifyInstance } from 'fastify';
import { createTestPrisma } from './database.js';

export interface TestZone {
  app: FastifyInstance;
  context: Awaited<ReturnType<typeof buildApp>>['context'];
  prisma: PrismaClient;
  /** A zone of its own, so tests in parallel never share settings. */
  zoneName: string;
  /** The filesystem bucket's folder (an unused empty temp folder when a custom `bucket` was given). */
  bucketRoot: string;
  close(): Promise<void>;
}

/**
 * A zone app on the shared test database with a filesystem bucket in a temp folder and a fresh
 * zone (`open`: anyone may upload). Drive it with `app.inject()`. Pass `bucket` to use another
 * bucket (e.g. `createS3Bucket` against `startS3Server()`); the caller owns and closes it.
 */
export async function createTestZoneApp(
  options: { open?: boolean; publicDownload?: boolean; bucket?: Bucket } & Partial<
    Omit<BuildAppOptions, 'prisma' | 'bucket'>
  > = {},
): Promise<TestZone> {
  const { open = true, publicDownload = true, bucket, ...appOptions } = options;
  const prisma = createTestPrisma();
  const bucketRoot = await mkdtemp(join(tmpdir(), 'figurl-bucket-'));
  const { app, context } = await buildApp({
    version: '0.0.0-test',
    prisma,
    bucket: bucket ?? createFilesystemBucket({ root: bucketRoot }),
    publicUrl: 'http://zone.test',
    // Tests change rights through other repositories (admin commands) and expect them at once;
    // the cache itself is tested on its own.
    identityCacheMs: 0,
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
