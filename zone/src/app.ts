import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@figurl/prisma';
import { FigurlError, maxUploadSize as kacheryMaxUploadSize, toErrorBody } from '@figurl/sdk';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  type RouteOptions,
} from 'fastify';
import type { Bucket } from './bucket/bucket.js';
import { curationAppendHook } from './curations/curation-hook.js';
import { createCurationStore } from './curations/curation-store.js';
import { createOutbox } from './curations/outbox.js';
import { createEdgeHub } from './edge/edge-hub.js';
import { createEdgeRepository } from './edge/edge-repository.js';
import { createFeedAppender } from './feeds/feed-appender.js';
import { createFeedHub } from './feeds/feed-hub.js';
import { createFeedStore } from './feeds/feed-store.js';
import type { RepoPermissions } from './github/repo-permissions.js';
import type { JobQueue } from './jobs/job-queue.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { createBlobAccessRepository } from './repositories/blob-access-repository.js';
import { createBlobRepository } from './repositories/blob-repository.js';
import { cacheBlobAccess } from './repositories/cache-blob-access.js';
import { cacheIdentities } from './repositories/cache-identities.js';
import { createFigureRepository } from './repositories/figure-repository.js';
import { createIdentityRepository } from './repositories/identity-repository.js';
import { createMutableRepository } from './repositories/mutable-repository.js';
import { createPinRepository } from './repositories/pin-repository.js';
import { createSeenRequestRepository } from './repositories/seen-request-repository.js';
import { createUploadRepository } from './repositories/upload-repository.js';
import { createUsageRepository } from './repositories/usage-repository.js';
import { blobRoutes } from './routes/blobs.js';
import { curationRoutes } from './routes/curations.js';
import { edgeRoutes } from './routes/edge.js';
import { feedRoutes } from './routes/feeds.js';
import { figureRoutes } from './routes/figures.js';
import { gatewayRoutes } from './routes/gateway.js';
import { githubRoutes } from './routes/github.js';
import { healthRoutes } from './routes/health.js';
import { mutableRoutes } from './routes/mutables.js';
import { openApiRoutes } from './routes/openapi.js';
import { pinRoutes } from './routes/pins.js';
import { type PluginHostOptions, pluginRoutes } from './routes/plugins.js';
import { signedUrlRoutes } from './routes/signed-urls.js';
import { uploadRoutes } from './routes/uploads.js';
import { usageRoutes } from './routes/usage.js';
import type { ZoneContext } from './zone-context.js';

export interface BuildAppOptions {
  version: string;
  prisma: PrismaClient;
  bucket: Bucket;
  /** Base URL clients reach the zone at; by default taken from each request's Host. */
  publicUrl?: string | undefined;
  /** Largest blob, in bytes (default 5×10⁹, as kachery). */
  maxUploadSize?: number;
  /** Lifetime of an upload target (default 30 min, as kachery's presigned PUT). */
  uploadTtlMs?: number;
  /** Accepted clock difference of signed requests (default ±120 s). */
  signatureWindowMs?: number;
  /**
   * How long zone settings and client registrations are remembered (default 2 s): changes made
   * by other replicas or admin commands apply within this time. 0 turns the cache off.
   */
  identityCacheMs?: number;
  /**
   * How long who-may-read-which-blob answers are remembered (default 2 s): figure changes made
   * through other replicas apply within this time. 0 turns the cache off.
   */
  blobAccessCacheMs?: number;
  /** Key of signed blob URLs; by default a random one, good for this process only. */
  urlSecret?: string | undefined;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /**
   * The database URL, for the one connection that LISTENs for other replicas' feed appends.
   * Without it a replica sees only its own appends live (fine for a single process).
   */
  databaseUrl?: string | undefined;
  /** Enqueues a delivery job per outbox event (the webhook); without it events are only in the outbox table. */
  jobs?: JobQueue | undefined;
  /** Edge resources: a connection silent this long is closed and counts as away (default 60 s). */
  edgeSilenceMs?: number;
  /** Edge resources: how long a request waits for its resource to come back (default 60 s). */
  edgeGraceMs?: number;
  /** The plugin host: our plugins' bundles under /plugins/<name>/ (none when `dir` is unset). */
  pluginHost?: PluginHostOptions | undefined;
  /** Push rights on GitHub repositories, for curations' `editRepo`; unset: only listed editors act. */
  repoPermissions?: RepoPermissions | undefined;
  /** Told of every route as it registers (the test that keeps /openapi.json complete lists them). */
  onRoute?: ((route: RouteOptions) => void) | undefined;
}

/**
 * The zone as a Fastify instance, not listening: tests drive it with `app.inject()`,
 * `server.ts` puts it on a socket. The caller owns `prisma` and `bucket` and closes them.
 */
export async function buildApp(options: BuildAppOptions): Promise<{ app: FastifyInstance; context: ZoneContext }> {
  const now = options.now ?? (() => new Date());
  const { prisma, bucket } = options;
  const blobAccess = cacheBlobAccess(createBlobAccessRepository(prisma), { ttlMs: options.blobAccessCacheMs ?? 2000 });
  const feedStore = createFeedStore(prisma);
  const appender = createFeedAppender(prisma, now);
  appender.onAppend('curation', curationAppendHook({ jobs: options.jobs }));
  let appLog: FastifyInstance['log'] | undefined;
  const context: ZoneContext = {
    storage: {
      usage: createUsageRepository(prisma),
      bucket,
      blobs: createBlobRepository(prisma),
      uploads: createUploadRepository(prisma),
      maxUploadSize: options.maxUploadSize ?? kacheryMaxUploadSize,
      uploadTtlMs: options.uploadTtlMs ?? 30 * 60_000,
      now,
    },
    feeds: {
      store: feedStore,
      appender,
      hub: createFeedHub({
        databaseUrl: options.databaseUrl,
        // The app's logger exists only below; the hub logs nothing before it does.
        log: { warn: (obj, msg) => appLog?.warn(obj, msg) },
      }),
    },
    curations: createCurationStore(prisma, feedStore),
    outbox: createOutbox(prisma),
    identities: cacheIdentities(createIdentityRepository(prisma), { ttlMs: options.identityCacheMs ?? 2000 }),
    mutables: createMutableRepository(prisma),
    seenRequests: createSeenRequestRepository(prisma),
    pins: createPinRepository(prisma),
    figures: createFigureRepository(prisma, { onWrite: () => blobAccess.invalidate() }),
    blobAccess,
    urlSecret: options.urlSecret ?? randomBytes(32).toString('hex'),
    publicUrl: options.publicUrl?.replace(/\/+$/, ''),
    signatureWindowMs: options.signatureWindowMs ?? 120_000,
    edge: {
      repository: createEdgeRepository(prisma),
      // Logs only once the app exists: a lost LISTEN connection is noticed long after start.
      hub: createEdgeHub({ databaseUrl: options.databaseUrl, log: { warn: (obj, msg) => app.log.warn(obj, msg) } }),
      replicaId: randomBytes(8).toString('hex'),
      silenceMs: options.edgeSilenceMs ?? 60_000,
      graceMs: options.edgeGraceMs ?? 60_000,
    },
    repoPermissions: options.repoPermissions,
    now,
  };
  const app = Fastify({
    logger: options.logger ?? false,
    // JSON bodies are small; blob bytes stream through the upload PUT, which no parser touches.
    bodyLimit: 1 << 20,
    return503OnClosing: true,
    // The kachery-cloud client appends "/api/gateway" to KACHERY_GATEWAY_URL as it is: a URL set
    // with a trailing slash must still reach the gateway.
    routerOptions: { ignoreDuplicateSlashes: true },
    // Errors the router raises before any route runs (bad percent-encoding, an over-long
    // parameter) get the one error shape too.
    frameworkErrors: (err, _request, reply) => {
      (reply as FastifyReply)
        .status(400)
        .send(toErrorBody(new FigurlError('INVALID_REQUEST', `invalid URL: ${err.message}`)));
    },
  });
  appLog = app.log;
  registerErrorHandler(app);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // Before the server stops taking connections: end long-polls and event streams, which would
  // otherwise hold it open, and drop the LISTEN connection.
  app.addHook('preClose', async () => {
    await context.feeds.hub.close();
  });
  await app.register(healthRoutes, {
    version: options.version,
    checkDatabase: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
  });
  await app.register(openApiRoutes, { version: options.version });
  await app.register(uploadRoutes, context);
  await app.register(blobRoutes, context);
  await app.register(gatewayRoutes, context);
  await app.register(usageRoutes, context);
  await app.register(pinRoutes, context);
  await app.register(figureRoutes, context);
  await app.register(signedUrlRoutes, context);
  await app.register(mutableRoutes, context);
  await app.register(feedRoutes, context);
  await app.register(curationRoutes, context);
  await app.register(githubRoutes, context);
  await app.register(edgeRoutes, context);
  await app.register(pluginRoutes, options.pluginHost ?? { dir: undefined, shellOrigins: [] });
  // Long-polls of edge requests end; `figurl share` connections are closed by the WebSocket plugin.
  app.addHook('preClose', async () => {
    await context.edge.hub.close();
  });
  return { app, context };
}
