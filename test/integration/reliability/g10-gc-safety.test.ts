import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createPrismaClient, type PrismaClient, uniqueId } from '@figurl/prisma';
import { createPinClient, createZoneClient, isFigurlError, type PinClient, type ZoneClient } from '@figurl/sdk';
import { lockBlobsForReference } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newFeedId } from '../../../zone/src/feeds/feed-store.js';
import { createLifecycleZone, type LifecycleZone } from '../../support/lifecycle-zone.js';

/*
 * G10 (reliability-security.md §6): the garbage collector runs every second (grace 3 s) on two
 * replicas while eight users upload, re-upload, pin, unpin and refer to blobs from figures,
 * feeds and mutables (rows written the way their writers do: in a transaction that locks the
 * blobs first, `lockBlobsForReference`). Every protection is logged conservatively — from when
 * its API call answered or its transaction committed, until its removal was sent (or a
 * figure's expiry) — and every deletion with its transaction's start and commit. Then:
 * 1. nothing was deleted while a protection covered the whole deletion, nor younger than grace;
 * 2. every blob still protected at the end has its row and correct bytes;
 * 3. the bucket's content keys and the blob rows are the same set;
 * 4. ≥ 99 % of blobs were deleted within 2 cycles of becoming collectable (and none is left).
 */
const graceMs = 3000;
const cycleMs = 1000;
const trafficMs = 15_000;
const users = 8;
const seed = Number(process.env.G10_SEED ?? Date.now() % 1_000_000);

interface Protection {
  sha1: string;
  what: string;
  start: number;
  end: number | null;
}
interface Deletion {
  sha1: string;
  createdAt: number;
  /** The deleting transaction's start (database clock: its `now()`). */
  txStart: number;
  /** When the rows' transaction had committed (wall clock, just after). */
  committed: number;
}

function random(seedValue: number): () => number {
  // mulberry32: a failure can be replayed with G10_SEED.
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let zone: LifecycleZone;
let urls: string[];
let traffic: PrismaClient;
beforeAll(async () => {
  zone = await createLifecycleZone({ replicas: 2, poolSize: 12, publicUrl: undefined, logger: { level: 'error' } });
  urls = await Promise.all(zone.replicas.map((replica) => replica.app.listen({ host: '127.0.0.1', port: 0 })));
  traffic = createPrismaClient({ databaseUrl: zone.db.url, max: 10 });
});
afterAll(async () => {
  await traffic?.$disconnect();
  await zone?.close();
});

describe('G10: garbage collection during traffic', () => {
  it('never deletes a pinned, referenced or too-young blob, and collects the rest within 2 cycles', async () => {
    const rand = random(seed);
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(rand() * items.length)];
    const protections: Protection[] = [];
    const deletions: Deletion[] = [];
    const pool: Array<{ sha1: string; bytes: Buffer }> = [];
    const counts: Record<string, number> = {};
    const count = (what: string) => {
      counts[what] = (counts[what] ?? 0) + 1;
    };
    const open = (sha1: string, what: string) => {
      const p = { sha1, what, start: Date.now(), end: null };
      protections.push(p);
      return p;
    };
    const close = (p: Protection, at = Date.now()) => {
      p.end = at;
    };

    // Two collectors, one per replica, every second, half a second apart.
    let stopped = false;
    const collector = async (replica: number) => {
      await new Promise((done) => setTimeout(done, replica * (cycleMs / 2)));
      while (!stopped) {
        const started = Date.now();
        const committed = new Map<string, number>();
        await zone.collect({
          replica,
          graceMs,
          // Runs once a batch's row deletions have committed, before their bytes go.
          onRowsDeleted: async (sha1s) => {
            for (const sha1 of sha1s) committed.set(sha1, Date.now());
          },
          onBlob: (blob) =>
            deletions.push({
              sha1: blob.sha1,
              createdAt: Date.parse(blob.createdAt),
              txStart: Date.parse(blob.deletedAt ?? ''),
              committed: committed.get(blob.sha1) ?? Date.now(),
            }),
        });
        await new Promise((done) => setTimeout(done, Math.max(0, started + cycleMs - Date.now())));
      }
    };
    const collectors = [collector(0), collector(1)];

    const worker = async (index: number) => {
      const user = await zone.createUser(uniqueId(`g10u${index}`));
      const token = user.headers.authorization?.slice('Bearer '.length);
      const clients: ZoneClient[] = urls.map((baseUrl) =>
        createZoneClient({ baseUrl, fetch, token, zone: zone.zoneName }),
      );
      const pinClients: PinClient[] = clients.map((c) => createPinClient(c.connection));
      const client = () => pick(clients) as ZoneClient;
      const pins = new Map<string, Protection>();
      const figures: Array<{ id: string; protection: Protection }> = [];
      const feeds: Array<{ id: string; protections: Protection[] }> = [];
      const mutables = new Map<string, Protection | undefined>();

      const store = async (bytes: Buffer, sha1: string, scratch: boolean) => {
        const answer = await client().initiateUpload({
          sha1,
          size: bytes.length,
          ...(scratch ? { expiresInSeconds: 3600 } : {}),
        });
        if (answer.status === 'upload') {
          await client().uploadBytes(answer.uploadUrl, bytes, bytes.length);
          await client().finalizeUpload(answer.uploadId);
        }
        count(answer.status === 'exists' ? 'exists answers' : 'uploads');
        if (!pins.has(sha1)) pins.set(sha1, open(sha1, `pin of ${user.id}`));
      };
      // A reference written as the figure, feed and mutable writers must: lock, check, insert.
      const refer = async (
        sha1: string,
        write: (tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]) => Promise<void>,
      ) =>
        traffic.$transaction(
          async (tx) => {
            if (!(await lockBlobsForReference(tx, [sha1])).has(sha1)) return false;
            await write(tx);
            return true;
          },
          { maxWait: 10_000, timeout: 10_000 },
        );
      const pinned = () => pick([...pins.keys()]);

      const end = Date.now() + trafficMs;
      while (Date.now() < end) {
        const roll = rand();
        if (roll < 0.3) {
          const bytes = randomBytes(256 + Math.floor(rand() * 4096));
          const sha1 = createHash('sha1').update(bytes).digest('hex');
          pool.push({ sha1, bytes });
          await store(bytes, sha1, rand() < 0.1);
        } else if (roll < 0.38) {
          // Content someone stored before (perhaps collected since): "exists", or stored again.
          const known = pick(pool);
          if (known) await store(known.bytes, known.sha1, false);
        } else if (roll < 0.6) {
          const sha1 = pinned();
          if (sha1) {
            close(pins.get(sha1) as Protection);
            pins.delete(sha1);
            await (pick(pinClients) as PinClient).unpin(sha1);
            count('unpins');
          }
        } else if (roll < 0.68) {
          const sha1 = pinned() ?? pick(pool)?.sha1;
          if (!sha1) continue;
          let feed = pick(feeds);
          if (!feed || rand() < 0.2) {
            // Hex digits mapped to letters collided (only a–f varied); draw ids as the zone does.
            const id = newFeedId();
            await traffic.feed.create({ data: { id, zoneName: zone.zoneName, ownerId: user.id } });
            feed = { id, protections: [] };
            feeds.push(feed);
          }
          const feedId = feed.id;
          const ok = await refer(sha1, async (tx) => {
            await tx.$executeRaw`INSERT INTO blob_refs (sha1, kind, ref_id) VALUES (${sha1}, 'feed', ${feedId}) ON CONFLICT DO NOTHING`;
          });
          if (ok) feed.protections.push(open(sha1, `feed ${feedId}`));
          count(ok ? 'feed refs' : 'refs refused (blob gone)');
        } else if (roll < 0.72) {
          const feed = feeds.shift();
          if (feed) {
            for (const p of feed.protections) close(p);
            await traffic.feed.update({ where: { id: feed.id }, data: { deletedAt: new Date() } });
            count('feeds deleted');
          }
        } else if (roll < 0.83) {
          // Mostly blobs this user pins; sometimes any blob ever seen, which may be garbage by now.
          const sha1 = rand() < 0.75 ? (pinned() ?? pick(pool)?.sha1) : pick(pool)?.sha1;
          if (!sha1) continue;
          const id = randomUUID();
          const expiresAt = rand() < 0.5 ? new Date(Date.now() + 1000 + rand() * 2000) : null;
          const ok = await refer(sha1, async (tx) => {
            await tx.figure.create({
              data: {
                id,
                zoneName: zone.zoneName,
                viewUri: 'gs://figurl/vegalite-2',
                dataUri: `sha1://${sha1}`,
                dataSha1: sha1,
                label: 'g10',
                ownerId: user.id,
                expiresAt,
              },
            });
            await tx.blobRef.create({ data: { sha1, kind: 'figure', refId: id } });
          });
          if (ok) {
            const protection = open(sha1, `figure ${id}`);
            if (expiresAt) close(protection, expiresAt.getTime());
            else figures.push({ id, protection });
          }
          count(ok ? 'figure refs' : 'refs refused (blob gone)');
        } else if (roll < 0.87) {
          const figure = figures.shift();
          if (figure) {
            close(figure.protection);
            // As the figure repository's softDelete: mark deleted, drop its refs.
            await traffic.$transaction([
              traffic.figure.update({ where: { id: figure.id }, data: { deletedAt: new Date() } }),
              traffic.blobRef.deleteMany({ where: { kind: 'figure', refId: figure.id } }),
            ]);
            count('figures deleted');
          }
        } else if (roll < 0.95) {
          const sha1 = pinned();
          if (!sha1) continue;
          const key = `@g10/${user.id}/${Math.floor(rand() * 2)}`;
          const refId = `${zone.zoneName}/${key}`;
          const previous = mutables.get(key);
          // A new value replaces the old one's refs (as the mutable writer does): the old
          // protection ends before the write, unless the new value names the same blob.
          const same = previous?.sha1 === sha1;
          if (previous && !same) close(previous);
          const ok = await refer(sha1, async (tx) => {
            const value = JSON.stringify({ data: `sha1://${sha1}` });
            await tx.mutable.upsert({
              where: { zoneName_key: { zoneName: zone.zoneName, key } },
              create: { zoneName: zone.zoneName, key, version: 1, value, ownerId: user.id, updatedBy: user.id },
              update: { version: { increment: 1 }, value },
            });
            await tx.blobRef.deleteMany({ where: { kind: 'mutable', refId, sha1: { not: sha1 } } });
            await tx.blobRef.createMany({ data: [{ sha1, kind: 'mutable', refId }], skipDuplicates: true });
          });
          if (!same) mutables.set(key, ok ? open(sha1, `mutable ${key}`) : undefined);
          count('mutable sets');
        } else {
          // Pin what someone else stored (NOT_FOUND if it was collected).
          const known = pick(pool);
          if (!known || pins.has(known.sha1)) continue;
          try {
            await (pick(pinClients) as PinClient).pin(known.sha1);
            pins.set(known.sha1, open(known.sha1, `pin of ${user.id}`));
            count('pins');
          } catch (err) {
            if (!isFigurlError(err, 'NOT_FOUND')) throw err;
            count('pins refused (blob gone)');
          }
        }
      }
    };
    const trafficStarted = Date.now();
    await Promise.all(Array.from({ length: users }, (_, i) => worker(i)));
    const trafficEnded = Date.now();

    // Let everything that became collectable go: grace, then two cycles of both collectors.
    await new Promise((done) => setTimeout(done, graceMs + 2 * cycleMs + 500));
    stopped = true;
    await Promise.all(collectors);

    // 1. No deletion while a protection covered it whole; none younger than the grace period.
    const bySha1 = new Map<string, Protection[]>();
    for (const p of protections) bySha1.set(p.sha1, [...(bySha1.get(p.sha1) ?? []), p]);
    const wrongful = deletions.flatMap((d) =>
      (bySha1.get(d.sha1) ?? [])
        .filter((p) => p.start < d.txStart && (p.end === null || p.end > d.committed))
        .map((p) => `${d.sha1} deleted at ${new Date(d.txStart).toISOString()} under ${p.what}`),
    );
    const tooYoung = deletions.filter((d) => d.txStart - d.createdAt < graceMs).map((d) => d.sha1);
    expect(wrongful).toEqual([]);
    expect(tooYoung).toEqual([]);

    // 2. Everything still protected is stored, bytes intact.
    const protectedNow = [...new Set(protections.filter((p) => p.end === null).map((p) => p.sha1))];
    const rows = new Set((await zone.prisma.blob.findMany({ select: { sha1: true } })).map((b) => b.sha1));
    const lost = protectedNow.filter((sha1) => !rows.has(sha1) || !zone.hasBytes(sha1));
    expect(lost).toEqual([]);
    for (const sha1 of protectedNow) {
      const bytes = await readFile(
        join(zone.bucketRoot, 'sha1', sha1.slice(0, 2), sha1.slice(2, 4), sha1.slice(4, 6), sha1),
      );
      expect(createHash('sha1').update(bytes).digest('hex')).toBe(sha1);
    }

    // 3. Bucket and database agree: no row without bytes, no bytes without a row.
    const objects = new Set((await listFiles(join(zone.bucketRoot, 'sha1'))).map((path) => path.split('/').at(-1)));
    expect([...rows].filter((sha1) => !objects.has(sha1))).toEqual([]);
    expect([...objects].filter((sha1) => sha1 !== undefined && !rows.has(sha1))).toEqual([]);

    // 4. Promptness: from when a blob became collectable (old enough, its last protection
    // over) to its deletion; blobs collectable but still there count as late.
    const latencies = deletions.map((d) => {
      const ends = (bySha1.get(d.sha1) ?? [])
        .filter((p) => p.start < d.txStart)
        .map((p) => p.end ?? Number.POSITIVE_INFINITY);
      return d.txStart - Math.max(d.createdAt + graceMs, ...ends);
    });
    const leftOver: string[] = [];
    await zone.collect({ graceMs, dryRun: true, onBlob: (blob) => leftOver.push(blob.sha1) });
    const onTime = latencies.filter((ms) => ms <= 2 * cycleMs).length;
    const ratio = onTime / (deletions.length + leftOver.length);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `G10 (seed ${seed}): ${trafficEnded - trafficStarted} ms of traffic by ${users} users, ` +
        `${JSON.stringify(counts)}; ${deletions.length} blobs collected, ${leftOver.length} left collectable; ` +
        `${(ratio * 100).toFixed(2)} % within 2 cycles; latency p50 ${sorted[Math.floor(sorted.length / 2)]} ms, ` +
        `p99 ${sorted[Math.floor(sorted.length * 0.99)]} ms, max ${sorted.at(-1)} ms; ${protectedNow.length} blobs protected at the end`,
    );
    expect(leftOver).toEqual([]);
    expect(deletions.length).toBeGreaterThan(20);
    expect(ratio).toBeGreaterThanOrEqual(0.99);
  });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}
