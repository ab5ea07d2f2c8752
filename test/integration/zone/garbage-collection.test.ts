import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { uniqueId } from '@figurl/prisma';
import { sha1ObjectKey } from '@figurl/sdk';
import {
  type Bucket,
  collectGarbageJob,
  createGarbageRepository,
  lockBlobsForReference,
  scheduleGarbageCollection,
  startJobQueue,
} from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newFeedId } from '../../../zone/src/feeds/feed-store.js';
import {
  backdateBlobs,
  createLifecycleZone,
  type LifecycleUser,
  type LifecycleZone,
} from '../../support/lifecycle-zone.js';

const hour = 3600_000;
const day = 24 * hour;

/**
 * Pauses the first create-only copy to `key` (finalize publishing bytes) after it ran, until
 * `release()`: the test can let a collector act between finalize's steps.
 */
const gate = (() => {
  let key: string | undefined;
  let reached: () => void = () => {};
  let open: () => void = () => {};
  let opened = Promise.resolve();
  return {
    pause(target: string): Promise<void> {
      key = target;
      opened = new Promise((resolve) => {
        open = resolve;
      });
      return new Promise((resolve) => {
        reached = resolve;
      });
    },
    release: () => open(),
    wrap(bucket: Bucket): Bucket {
      return Object.assign(Object.create(bucket) as Bucket, {
        async copyIfAbsent(from: string, to: string) {
          const result = await bucket.copyIfAbsent(from, to);
          if (to === key) {
            key = undefined;
            reached();
            await opened;
          }
          return result;
        },
      });
    },
  };
})();

let zone: LifecycleZone;
let alice: LifecycleUser;
beforeAll(async () => {
  zone = await createLifecycleZone({ wrapBucket: gate.wrap });
  alice = await zone.createUser();
});
afterAll(() => zone?.close());

const app = () => (zone.replicas[0] as LifecycleZone['replicas'][number]).app;
const feedId = newFeedId;

/** Stores fresh content for Alice, then drops her pin and makes it two days old: garbage, unless kept. */
async function oldUnpinnedBlob(): Promise<string> {
  const { sha1 } = await zone.store(randomBytes(200), { user: alice });
  await zone.prisma.pin.deleteMany({ where: { sha1 } });
  await backdateBlobs(zone.prisma, [sha1], 2 * day);
  return sha1;
}

async function figure(fields: { deletedAt?: Date; expiresAt?: Date; pinned?: boolean; dataSha1?: string } = {}) {
  const id = randomUUID();
  await zone.prisma.figure.create({
    data: {
      id,
      zoneName: zone.zoneName,
      viewUri: 'gs://figurl/vegalite-2',
      dataUri: `sha1://${fields.dataSha1 ?? 'a'.repeat(40)}`,
      dataSha1: fields.dataSha1 ?? null,
      label: 'test',
      ownerId: alice.id,
      pinned: fields.pinned ?? false,
      expiresAt: fields.expiresAt ?? null,
      deletedAt: fields.deletedAt ?? null,
    },
  });
  return id;
}

async function feed(deleted: boolean, kind: 'feed' | 'curation' = 'feed') {
  const id = feedId();
  await zone.prisma.feed.create({
    data: { id, zoneName: zone.zoneName, ownerId: alice.id, kind, deletedAt: deleted ? new Date() : null },
  });
  return id;
}

async function ref(sha1: string, kind: 'figure' | 'feed' | 'mutable' | 'curation', refId: string) {
  await zone.prisma.blobRef.create({ data: { sha1, kind, refId } });
}

describe('garbage collection', () => {
  it('collects exactly the blobs nothing keeps, rows and bytes, and says so in a dry run first', async () => {
    const now = new Date();
    const cases: Record<string, { sha1: string; kept: boolean }> = {};
    const add = async (name: string, kept: boolean, keep: (sha1: string) => Promise<unknown>) => {
      const sha1 = await oldUnpinnedBlob();
      await keep(sha1);
      cases[name] = { sha1, kept };
    };
    await add('pinned', true, (sha1) => zone.prisma.pin.create({ data: { sha1, userId: alice.id } }));
    await add('pin not yet expired', true, (sha1) =>
      zone.prisma.pin.create({ data: { sha1, userId: alice.id, expiresAt: new Date(now.getTime() + hour) } }),
    );
    await add('pin expired', false, (sha1) =>
      zone.prisma.pin.create({ data: { sha1, userId: alice.id, expiresAt: new Date(now.getTime() - 1000) } }),
    );
    await add('live figure', true, async (sha1) => ref(sha1, 'figure', await figure()));
    await add('figure expiring later', true, async (sha1) =>
      ref(sha1, 'figure', await figure({ expiresAt: new Date(now.getTime() + hour) })),
    );
    await add('deleted figure', false, async (sha1) => ref(sha1, 'figure', await figure({ deletedAt: now })));
    await add('expired figure', false, async (sha1) =>
      ref(sha1, 'figure', await figure({ expiresAt: new Date(now.getTime() - 1000) })),
    );
    await add('expired but pinned figure', true, async (sha1) =>
      ref(sha1, 'figure', await figure({ expiresAt: new Date(now.getTime() - 1000), pinned: true })),
    );
    await add('data of a live figure (no ref row)', true, (sha1) => figure({ dataSha1: sha1 }));
    await add('data of a deleted figure', false, (sha1) => figure({ dataSha1: sha1, deletedAt: now }));
    await add('live feed', true, async (sha1) => ref(sha1, 'feed', await feed(false)));
    await add('deleted feed', false, async (sha1) => ref(sha1, 'feed', await feed(true)));
    await add('mutable with a value', true, async (sha1) => {
      const key = `@lifecycle/${uniqueId('key')}`;
      await zone.prisma.mutable.create({
        data: {
          zoneName: zone.zoneName,
          key,
          version: 1,
          value: `"sha1://${sha1}"`,
          ownerId: alice.id,
          updatedBy: alice.id,
        },
      });
      await ref(sha1, 'mutable', `${zone.zoneName}/${key}`);
    });
    await add('deleted mutable', false, async (sha1) => {
      const key = `@lifecycle/${uniqueId('key')}`;
      await zone.prisma.mutable.create({
        data: { zoneName: zone.zoneName, key, version: 2, value: null, ownerId: alice.id, updatedBy: alice.id },
      });
      await ref(sha1, 'mutable', `${zone.zoneName}/${key}`);
    });
    await add('mutable in another zone of that key', false, (sha1) =>
      ref(sha1, 'mutable', `elsewhere/@lifecycle/${uniqueId('key')}`),
    );
    await add('live curation', true, async (sha1) => {
      const id = await feed(false, 'curation');
      await zone.prisma.curation.create({ data: { id } });
      await ref(sha1, 'curation', id);
    });
    await add('curation whose feed is deleted', false, async (sha1) => {
      const id = await feed(true, 'curation');
      await zone.prisma.curation.create({ data: { id } });
      await ref(sha1, 'curation', id);
    });
    await add('unreferenced', false, async () => {});
    const young = await zone.store(randomBytes(200), { user: alice });
    await zone.prisma.pin.deleteMany({ where: { sha1: young.sha1 } });
    cases['younger than the grace period'] = { sha1: young.sha1, kept: true };

    const collectable = Object.entries(cases)
      .filter(([, c]) => !c.kept)
      .map(([, c]) => c.sha1)
      .sort();
    const kept = Object.entries(cases).filter(([, c]) => c.kept);

    const dry: string[] = [];
    const dryReport = await zone.collect({ graceMs: day, dryRun: true, onBlob: (b) => dry.push(b.sha1) });
    expect(dry.sort()).toEqual(collectable);
    expect(dryReport).toMatchObject({ collected: collectable.length, dryRun: true, expiredPins: 0 });
    for (const sha1 of collectable) expect(zone.hasBytes(sha1)).toBe(true);

    // Alice's cache knows every one of them; the collector must make it forget.
    for (const { sha1 } of Object.values(cases)) {
      expect((await app().inject({ url: `/api/v1/blobs/${sha1}?zone=${zone.zoneName}` })).statusCode).toBe(200);
    }
    const events: Array<{ sha1: string; deletedAt?: string }> = [];
    const report = await zone.collect({ graceMs: day, onBlob: (b) => events.push(b) });
    expect(events.map((e) => e.sha1).sort()).toEqual(collectable);
    expect(events.every((e) => e.deletedAt !== undefined)).toBe(true);
    expect(report).toMatchObject({ collected: collectable.length, bytes: collectable.length * 200, bytesLeft: [] });
    expect(report.expiredPins).toBeGreaterThanOrEqual(1);

    for (const sha1 of collectable) {
      expect(zone.hasBytes(sha1), sha1).toBe(false);
      expect(await zone.prisma.blob.count({ where: { sha1 } })).toBe(0);
      const info = await app().inject({ url: `/api/v1/blobs/${sha1}?zone=${zone.zoneName}` });
      expect(info.statusCode).toBe(404);
      expect((await app().inject({ url: `/sha1/${sha1}?zone=${zone.zoneName}` })).statusCode).toBe(404);
    }
    for (const [name, { sha1 }] of kept) {
      expect(zone.hasBytes(sha1), name).toBe(true);
      expect(await zone.prisma.blob.count({ where: { sha1 } }), name).toBe(1);
    }
    expect(await zone.prisma.pin.count({ where: { sha1: cases['pin expired']?.sha1 ?? '' } })).toBe(0);

    // Nothing left to do: a second run collects nothing.
    expect((await zone.collect({ graceMs: day })).collected).toBe(0);
  });

  it('scratch data goes once its pin lapses, unless someone else stored it to keep', async () => {
    let now = new Date();
    const clock = () => now;
    const bob = await zone.createUser();
    const scratch = await zone.store(randomBytes(120), { user: alice, expiresInSeconds: 3600 });
    const shared = await zone.store(randomBytes(120), { user: alice, expiresInSeconds: 3600 });
    // Bob stores the same content to keep: the zone answers "exists" and pins it for him.
    expect((await zone.store(await bytesOf(shared.sha1), { user: bob })).status).toBe('exists');
    // Alice stores scratch data she already keeps: her permanent pin stays permanent.
    const kept = await zone.store(randomBytes(120), { user: alice });
    expect((await zone.store(await bytesOf(kept.sha1), { user: alice, expiresInSeconds: 3600 })).status).toBe('exists');
    await backdateBlobs(zone.prisma, [scratch.sha1, shared.sha1, kept.sha1], 2 * day);

    const sha1s = [scratch.sha1, shared.sha1, kept.sha1];
    const deleted = async () => {
      const events: string[] = [];
      await zone.collect({ graceMs: day, now: clock, onBlob: (b) => events.push(b.sha1) });
      return events.filter((sha1) => sha1s.includes(sha1));
    };
    expect(await deleted()).toEqual([]);
    now = new Date(now.getTime() + 2 * hour);
    expect(await deleted()).toEqual([scratch.sha1]);
    expect(zone.hasBytes(scratch.sha1)).toBe(false);
    expect(zone.hasBytes(shared.sha1)).toBe(true);
    expect(zone.hasBytes(kept.sha1)).toBe(true);
  });

  it('keeps a blob that an upload answered "exists" for while the collector held it', async () => {
    const sha1 = await oldUnpinnedBlob();
    const bytes = await bytesOf(sha1);
    let answer: Promise<{ status: string }> | undefined;
    const report = await zone.collect({
      graceMs: day,
      // The collector holds the row locked and has not decided yet: the upload's lookup waits.
      onLocked: async (locked) => {
        if (!locked.includes(sha1) || answer) return;
        answer = zone.store(bytes, { user: alice, replica: 0 });
        await new Promise((done) => setTimeout(done, 300));
      },
    });
    // The collector went first and took the blob; the upload then found it absent and stored it
    // again — so whatever it answered, the blob is there, with its bytes.
    expect(report.collected).toBeGreaterThanOrEqual(1);
    expect((await answer)?.status).toBe('stored');
    expect(await zone.prisma.blob.count({ where: { sha1 } })).toBe(1);
    expect(zone.hasBytes(sha1)).toBe(true);
    expect(await bytesOf(sha1)).toEqual(bytes);
  });

  it('keeps the bytes of content finalized again between deleting the row and deleting the bytes', async () => {
    const sha1 = await oldUnpinnedBlob();
    const bytes = await bytesOf(sha1);
    let upload: { status: string } | undefined;
    await zone.collect({
      graceMs: day,
      onRowsDeleted: async (deleted) => {
        if (!deleted.includes(sha1)) return;
        // The row is gone, the bytes still there: a new upload copies nothing ("exists" in the
        // bucket) and re-inserts the row; the collector must then leave the bytes alone.
        upload = await zone.store(bytes, { user: alice, replica: 0 });
      },
    });
    expect(upload?.status).toBe('stored');
    expect(await zone.prisma.blob.count({ where: { sha1 } })).toBe(1);
    expect(zone.hasBytes(sha1)).toBe(true);
    const download = await app().inject({ url: `/sha1/${sha1}?zone=${zone.zoneName}`, headers: alice.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
  });

  it('restores bytes a collector deleted after finalize found them in place', async () => {
    const sha1 = await oldUnpinnedBlob();
    const bytes = await bytesOf(sha1);
    const contentKey = sha1ObjectKey(sha1);
    let finalizing: Promise<unknown> | undefined;
    await zone.collect({
      graceMs: day,
      onRowsDeleted: async (deleted) => {
        if (!deleted.includes(sha1)) return;
        // The row is gone, the bytes not yet: an upload of the content starts and its finalize
        // copies nothing (the bytes are in place) — then waits while the collector deletes them.
        const copied = gate.pause(contentKey);
        finalizing = zone.store(bytes, { user: alice });
        await copied;
      },
    });
    expect(zone.hasBytes(sha1)).toBe(false);
    gate.release();
    expect(await finalizing).toEqual({ sha1, status: 'stored' });
    expect(await zone.prisma.blob.count({ where: { sha1 } })).toBe(1);
    expect(zone.hasBytes(sha1)).toBe(true);
    expect(await bytesOf(sha1)).toEqual(bytes);
  });

  it('runs as the hourly collect-garbage job of the job queue', async () => {
    const sha1 = await oldUnpinnedBlob();
    const jobs = await startJobQueue({ databaseUrl: zone.db.url, pollingIntervalSeconds: 0.5 });
    try {
      const reports: object[] = [];
      const replica = zone.replicas[0] as LifecycleZone['replicas'][number];
      await scheduleGarbageCollection(
        jobs,
        {
          garbage: createGarbageRepository(replica.prisma),
          bucket: replica.context.storage.bucket,
          blobs: replica.context.storage.blobs,
          now: () => new Date(),
        },
        { graceMs: day, log: { info: (report) => reports.push(report) } },
      );
      const schedules = await zone.prisma.$queryRaw<Array<{ cron: string }>>`
        SELECT cron FROM pgboss.schedule WHERE name = ${collectGarbageJob}`;
      expect(schedules).toEqual([{ cron: '17 * * * *' }]);
      // The cron would send it at minute 17; send one now.
      await jobs.send(collectGarbageJob, {});
      await expect.poll(() => reports.length, { timeout: 15_000, interval: 100 }).toBe(1);
      expect(reports[0]).toMatchObject({ collected: expect.any(Number), dryRun: false, bytesLeft: 0 });
      expect(zone.hasBytes(sha1)).toBe(false);
    } finally {
      await jobs.stop();
    }
  });

  describe('a writer that locks the blobs it refers to (lockBlobsForReference)', () => {
    /** Refers to `sha1` from a new figure if it is stored; `between` runs while the lock is held. */
    const referTo = (sha1: string, between: () => Promise<void> = async () => {}) =>
      zone.prisma.$transaction(async (tx) => {
        const present = await lockBlobsForReference(tx, [sha1]);
        await between();
        if (!present.has(sha1)) return false;
        const id = randomUUID();
        await tx.figure.create({
          data: {
            id,
            zoneName: zone.zoneName,
            viewUri: 'gs://figurl/v',
            dataUri: `sha1://${sha1}`,
            label: 'l',
            ownerId: alice.id,
          },
        });
        await tx.blobRef.create({ data: { sha1, kind: 'figure', refId: id } });
        return true;
      });

    it('holds the blob against a collector that comes while it writes', async () => {
      const sha1 = await oldUnpinnedBlob();
      let report: Promise<unknown> | undefined;
      const stored = await referTo(sha1, async () => {
        report = zone.collect({ graceMs: day });
        await report;
      });
      await report;
      expect(stored).toBe(true);
      expect(await zone.prisma.blob.count({ where: { sha1 } })).toBe(1);
      expect(zone.hasBytes(sha1)).toBe(true);
      // Referenced now: later runs keep it too.
      await zone.collect({ graceMs: day });
      expect(zone.hasBytes(sha1)).toBe(true);
    });

    it('learns the blob is gone when a collector held it first', async () => {
      const sha1 = await oldUnpinnedBlob();
      let writer: Promise<boolean> | undefined;
      await zone.collect({
        graceMs: day,
        onLocked: async (locked) => {
          if (!locked.includes(sha1) || writer) return;
          writer = referTo(sha1);
          await new Promise((done) => setTimeout(done, 300));
        },
      });
      expect(await writer).toBe(false);
      expect(await zone.prisma.blobRef.count({ where: { sha1 } })).toBe(0);
      expect(zone.hasBytes(sha1)).toBe(false);
    });
  });
});

async function bytesOf(sha1: string): Promise<Buffer> {
  const response = await app().inject({ url: `/sha1/${sha1}?zone=${zone.zoneName}`, headers: alice.headers });
  expect(response.statusCode).toBe(200);
  const bytes = response.rawPayload;
  expect(createHash('sha1').update(bytes).digest('hex')).toBe(sha1);
  return bytes;
}
