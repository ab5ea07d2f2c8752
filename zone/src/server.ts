import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyMigrations, createPrismaClient, startDatabase } from '@figurl/prisma';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadUrlSecret } from './auth/load-url-secret.js';
import type { Bucket } from './bucket/bucket.js';
import { createBucket } from './bucket/create-bucket.js';
import { parseBucketUrl } from './bucket/parse-bucket-url.js';
import type { ZoneConfig } from './config.js';
import { deliverEventQueue } from './curations/curation-hook.js';
import { deliverEvent, type OutboxDelivery } from './curations/deliver-event.js';
import { createGitHubRepoPermissions } from './github/create-github-repo-permissions.js';
import { startJobQueue } from './jobs/job-queue.js';
import { scheduleGarbageCollection } from './lifecycle/schedule-garbage-collection.js';
import { createGarbageRepository } from './repositories/garbage-repository.js';
import { collectStaleUploads } from './storage/collect-stale-uploads.js';

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

/** How often expired upload targets and old replay fingerprints are collected. */
const collectEveryMs = 5 * 60_000;

/**
 * Starts a zone: its database (external, or embedded under `<dataDir>/postgres`), the pending
 * migrations, the bucket (`<dataDir>/bucket` unless configured), the job queue (hourly garbage
 * collection), then the HTTP server and the background collector of stale uploads. `close()`
 * stops them in reverse order.
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
    // Newest first; reversing a copy leaves the list as it was built.
    for (const close of [...closers].reverse()) await close();
  };
  try {
    const applied = await applyMigrations({ databaseUrl: database.url, log });
    if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    // Connections the server drops are replaced on the next query; requests meanwhile answer
    // 503 (plugins/error-handler.ts). Logged through the app's logger once there is one.
    let logLostConnection = (err: Error) => log(`database connection lost: ${err.message}`);
    const prisma = createPrismaClient({
      databaseUrl: database.url,
      onConnectionError: (err) => logLostConnection(err),
    });
    closers.push(() => prisma.$disconnect());
    const bucket: Bucket =
      config.bucket ??
      createBucket(parseBucketUrl(config.bucketUrl, { defaultRoot: resolve(config.dataDir, 'bucket') }), {
        credentials: config.awsCredentials,
      });
    log(`bucket: ${bucket.description}`);
    closers.push(async () => bucket.close?.());
    // Background jobs (garbage collection, outbox delivery) in the zone's own database; stopped
    // after the app, so a job still running finishes before the database connections close.
    let jobLog: { warn(obj: object, msg: string): void } = { warn: (_obj, msg) => log(msg) };
    const jobs = await startJobQueue({ databaseUrl: database.url, log: { warn: (obj, msg) => jobLog.warn(obj, msg) } });
    closers.push(() => jobs.stop());
    const grace =
      config.gcGraceMs % 3_600_000 === 0 ? `${config.gcGraceMs / 3_600_000}h` : `${config.gcGraceMs / 60_000}m`;
    log(`job queue: pg-boss; garbage collection hourly, keeping blobs younger than ${grace}`);
    const { app, context } = await buildApp({
      version,
      prisma,
      bucket,
      publicUrl: config.publicUrl,
      maxUploadSize: config.maxUploadSize,
      urlSecret: config.urlSecret ?? (await loadUrlSecret(resolve(config.dataDir))),
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
      databaseUrl: database.url,
      // Delivery jobs only when someone receives them; the outbox table keeps every event.
      jobs: config.eventsWebhookUrl === undefined ? undefined : jobs,
      pluginHost: { dir: config.pluginsDir, shellOrigins: config.shellOrigins },
      repoPermissions: config.githubApp === undefined ? undefined : createGitHubRepoPermissions(config.githubApp),
    });
    closers.push(() => app.close());
    jobLog = app.log;
    await scheduleGarbageCollection(
      jobs,
      { garbage: createGarbageRepository(prisma), bucket, blobs: context.storage.blobs, now: context.now },
      { graceMs: config.gcGraceMs, log: app.log },
    );
    const webhook = config.eventsWebhookUrl;
    if (webhook !== undefined) {
      await jobs.work<OutboxDelivery>(deliverEventQueue, (event) =>
        deliverEvent({ url: webhook, secret: config.eventsSecret, fetch }, event),
      );
      log(`events: curation changes are posted to ${webhook}`);
    }
    if (config.githubApp !== undefined)
      log(`GitHub App ${config.githubApp.appId}: whoever may push to a curation's editRepo may curate`);
    logLostConnection = (err) => app.log.warn({ err }, 'database connection lost');
    // Open mode (the embedded default on loopback): anyone may upload to "default", no account needed.
    if (config.open)
      await context.identities.setZone('default', { allowPublicUpload: true, allowPublicDownload: true });
    else await context.identities.ensureZone('default', { allowPublicUpload: false, allowPublicDownload: true });

    // Background work never ends the process: a failed round (the database away, the bucket
    // failing) is logged and the next one runs on time.
    const collector = setInterval(() => {
      void collectStaleUploads(context.storage, { graceMs: 10 * 60_000 })
        .then(() => context.seenRequests.deleteExpired(context.now()))
        .catch((err: unknown) =>
          app.log.warn({ err }, `collecting stale uploads failed; next round in ${collectEveryMs / 60_000} min`),
        );
    }, collectEveryMs);
    collector.unref();
    closers.push(async () => clearInterval(collector));

    const address = await app.listen({ host: config.host, port: config.port });
    return { app, url: address, databaseUrl: database.url, embeddedDatabase: database.embedded, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
