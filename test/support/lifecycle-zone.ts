import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, createPrismaClient, type PrismaClient, uniqueId } from '@figurl/prisma';
import { sha1ObjectKey } from '@figurl/sdk';
import {
  type Bucket,
  type BuildAppOptions,
  buildApp,
  type CollectGarbageOptions,
  collectGarbage,
  createFilesystemBucket,
  createGarbageRepository,
  type GarbageReport,
  hashToken,
  type ZoneContext,
} from '@figurl/zone';
import type { FastifyInstance } from 'fastify';
import { createFreshDatabase, type FreshDatabase } from './database.js';

/** One zone process of a LifecycleZone: its own app, blob cache and Prisma client. */
export interface Replica {
  app: FastifyInstance;
  context: ZoneContext;
  prisma: PrismaClient;
}

export interface LifecycleUser {
  id: string;
  headers: Record<string, string>;
}

export interface LifecycleZone {
  /** A database of its own: the collector is global, so it must not meet other tests' blobs. */
  db: FreshDatabase;
  /** For direct rows (figures, feeds, refs) and checks. */
  prisma: PrismaClient;
  bucketRoot: string;
  replicas: Replica[];
  zoneName: string;
  /** A user with upload and download rights in the zone and a bearer token. */
  createUser(id?: string): Promise<LifecycleUser>;
  /** Native upload (initiate → PUT → finalize) through `replica` (default 0). */
  store(
    bytes: Buffer,
    options?: { user?: LifecycleUser; expiresInSeconds?: number; replica?: number },
  ): Promise<{ sha1: string; status: 'exists' | 'stored' }>;
  /** One collector run through `replica`'s cache (default 0). */
  collect(options: CollectGarbageOptions & { replica?: number; now?: () => Date }): Promise<GarbageReport>;
  /** Whether the content key holds bytes. */
  hasBytes(sha1: string): boolean;
  close(): Promise<void>;
}

/**
 * A zone on a fresh database with a filesystem bucket, served by `replicas` apps that share
 * both (as replicas do), in a closed zone (`open: false`: uploads need a token).
 */
export async function createLifecycleZone(
  options: {
    replicas?: number;
    open?: boolean;
    poolSize?: number;
    /** Wraps the shared bucket (tests that pause or fail bucket calls). */
    wrapBucket?: (bucket: Bucket) => Bucket;
  } & Partial<Omit<BuildAppOptions, 'prisma' | 'bucket' | 'version'>> = {},
): Promise<LifecycleZone> {
  const { replicas: count = 1, open = false, poolSize = 8, wrapBucket = (b: Bucket) => b, ...appOptions } = options;
  const db = await createFreshDatabase();
  await applyMigrations({ databaseUrl: db.url });
  const bucketRoot = await mkdtemp(join(tmpdir(), 'figurl-gc-bucket-'));
  const bucket = wrapBucket(createFilesystemBucket({ root: bucketRoot }));
  const prisma = createPrismaClient({ databaseUrl: db.url, max: 4 });
  const replicas: Replica[] = [];
  for (let i = 0; i < count; i++) {
    const replicaPrisma = createPrismaClient({ databaseUrl: db.url, max: poolSize });
    const { app, context } = await buildApp({
      version: '0.0.0-test',
      prisma: replicaPrisma,
      bucket,
      publicUrl: 'http://zone.test',
      identityCacheMs: 0,
      ...appOptions,
    });
    replicas.push({ app, context, prisma: replicaPrisma });
  }
  const first = replicas[0] as Replica;
  const zoneName = uniqueId('zone');
  await first.context.identities.setZone(zoneName, { allowPublicUpload: open, allowPublicDownload: true });

  const zone: LifecycleZone = {
    db,
    prisma,
    bucketRoot,
    replicas,
    zoneName,
    async createUser(id = uniqueId('user')) {
      const token = `ft_${randomBytes(24).toString('hex')}`;
      await first.context.identities.createToken({
        userId: id,
        tokenHash: hashToken(token),
        label: 'test',
        scopes: ['upload', 'download'],
      });
      await first.context.identities.setMember({
        zoneName,
        userId: id,
        canUpload: true,
        canDownload: true,
        isAdmin: false,
      });
      return { id, headers: { authorization: `Bearer ${token}` } };
    },
    async store(bytes, { user, expiresInSeconds, replica = 0 } = {}) {
      const { app } = replicas[replica] as Replica;
      const sha1 = createHash('sha1').update(bytes).digest('hex');
      const headers = user?.headers ?? {};
      const started = await app.inject({
        method: 'POST',
        url: `/api/v1/uploads?zone=${zoneName}`,
        headers,
        payload: { sha1, size: bytes.length, ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }) },
      });
      if (started.statusCode >= 300) throw new Error(`initiate answered ${started.statusCode}: ${started.body}`);
      if (started.json().status === 'exists') return { sha1, status: 'exists' };
      const { uploadId, uploadUrl } = started.json();
      const put = await app.inject({ method: 'PUT', url: new URL(uploadUrl).pathname, payload: bytes });
      if (put.statusCode !== 200) throw new Error(`PUT answered ${put.statusCode}: ${put.body}`);
      const done = await app.inject({ method: 'POST', url: `/api/v1/uploads/${uploadId}/finalize` });
      if (done.statusCode !== 200) throw new Error(`finalize answered ${done.statusCode}: ${done.body}`);
      return { sha1, status: 'stored' };
    },
    collect({ replica = 0, now, ...collectOptions }) {
      const { context, prisma: replicaPrisma } = replicas[replica] as Replica;
      return collectGarbage(
        {
          garbage: createGarbageRepository(replicaPrisma),
          bucket,
          blobs: context.storage.blobs,
          now: now ?? context.now,
        },
        collectOptions,
      );
    },
    hasBytes(sha1) {
      return existsSync(join(bucketRoot, sha1ObjectKey(sha1)));
    },
    async close() {
      for (const replica of replicas) {
        await replica.app.close();
        await replica.prisma.$disconnect();
      }
      await prisma.$disconnect();
      await db.drop();
      await rm(bucketRoot, { recursive: true, force: true });
    },
  };
  return zone;
}

/** Makes blobs look `ageMs` old (by the database's clock), as if stored back then. */
export async function backdateBlobs(prisma: PrismaClient, sha1s: readonly string[], ageMs: number): Promise<void> {
  await prisma.$executeRaw`
    UPDATE blobs SET created_at = now() - ${ageMs}::double precision * interval '1 millisecond'
    WHERE sha1 = ANY(${[...sha1s]}::bpchar[])`;
}
