import { resolve } from 'node:path';
import type { PrismaClient } from '@figurl/prisma';
import { createBucket } from '../bucket/create-bucket.js';
import { parseBucketUrl } from '../bucket/parse-bucket-url.js';
import type { ZoneConfig } from '../config.js';
import { collectGarbage } from '../lifecycle/collect-garbage.js';
import { createGarbageRepository } from '../repositories/garbage-repository.js';

/**
 * `figurl zone gc [--dry-run] [--grace 24h]`: one collector run against the zone's database and
 * bucket, as the hourly job does; one JSON line per blob collected (or, dry, collectable now),
 * then a summary line. Safe beside running replicas: the collector locks what it deletes.
 */
export async function collectGarbageCommand(
  prisma: PrismaClient,
  config: ZoneConfig,
  options: { dryRun: boolean; stdout: (text: string) => void },
): Promise<number> {
  const bucket =
    config.bucket ??
    createBucket(parseBucketUrl(config.bucketUrl, { defaultRoot: resolve(config.dataDir, 'bucket') }), {
      credentials: config.awsCredentials,
    });
  try {
    const report = await collectGarbage(
      // This process has no cache of blobs worth keeping true; the zone's expire by themselves.
      { garbage: createGarbageRepository(prisma), bucket, blobs: { forget: () => {} }, now: () => new Date() },
      {
        graceMs: config.gcGraceMs,
        dryRun: options.dryRun,
        onBlob: (blob) => options.stdout(`${JSON.stringify({ [options.dryRun ? 'collectable' : 'deleted']: blob })}\n`),
      },
    );
    options.stdout(`${JSON.stringify({ summary: { ...report, graceMs: config.gcGraceMs } })}\n`);
    return report.bytesLeft.length === 0 ? 0 : 1;
  } finally {
    await bucket.close?.();
  }
}
