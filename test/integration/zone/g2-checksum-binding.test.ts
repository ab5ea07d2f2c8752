import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha1ObjectKey } from '@figurl/sdk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket } from '../../../zone/src/bucket/index.js';
import { createFilesystemBucket, createS3Bucket } from '../../../zone/src/bucket/index.js';
import { type S3TestServer, startS3Server } from '../../support/s3-server.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * G2 (reliability-security.md §6), checksum binding: "an upload target issued for hash H never
 * results in other bytes stored under H, whether or not the bucket enforces checksums". Three
 * buckets: the filesystem (the zone proxies every PUT), S3 behind the enforcing shim (signed
 * Content-Length, If-None-Match, atomic PUTs; no x-amz-checksum), and plain s3rver, which checks
 * nothing. Rounds are planned from a logged seed (FIGURL_G2_SEED replays them; bytes derive from
 * it too). After every round the content key is read back and hashed: it is absent, or it holds
 * exactly the bytes of H.
 */
const seed = Number(process.env.FIGURL_G2_SEED ?? Math.floor(Math.random() * 2 ** 31));
const rounds = 50;

const sha1Of = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Deterministic bytes (SHA-256 in counter mode) so a seed replays rounds byte for byte. */
function bytesFor(label: string, size: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; i * 32 < size; i++) blocks.push(createHash('sha256').update(`${seed}:${label}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, size);
}

type WrongKind = 'flip-one-byte' | 'same-length-other-bytes' | 'one-byte-short' | 'one-byte-long' | 'double' | 'empty';
interface Round {
  size: number;
  wrong: WrongKind;
  at: number;
}
const plan = (salt: number) =>
  fc.sample(
    fc.record({
      size: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 16_384 })),
      wrong: fc.constantFrom<WrongKind>(
        'flip-one-byte',
        'same-length-other-bytes',
        'one-byte-short',
        'one-byte-long',
        'double',
        'empty',
      ),
      at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    }),
    { seed: seed + salt, numRuns: rounds },
  ) as Round[];

function wrongBytes(bytes: Buffer, round: Round, label: string): Buffer {
  switch (round.wrong) {
    case 'flip-one-byte': {
      const copy = Buffer.from(bytes);
      const at = Math.floor(round.at * copy.length);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    }
    case 'same-length-other-bytes':
      return bytesFor(`${label}:other`, bytes.length);
    case 'one-byte-short':
      return bytes.subarray(0, bytes.length - 1);
    case 'one-byte-long':
      return Buffer.concat([bytes, Buffer.from([0])]);
    case 'double':
      return Buffer.concat([bytes, bytes]);
    case 'empty':
      return Buffer.alloc(0);
  }
}

interface Mode {
  name: string;
  /** Where the object of `key` lives on disk (to compare inode and mtime before and after). */
  fileOf(key: string): string;
  bucket: Bucket;
  zone: TestZone;
  /** PUTs `bytes` to an upload target the way a client of this bucket does. */
  put(target: { uploadId: string; uploadUrl: string }, bytes: Buffer): Promise<number>;
  close(): Promise<void>;
}

async function filesystemMode(): Promise<Mode> {
  const root = await mkdtemp(path.join(tmpdir(), 'figurl-g2-'));
  const bucket = createFilesystemBucket({ root });
  const zone = await createTestZoneApp({ bucket });
  return {
    name: 'filesystem',
    fileOf: (key) => path.join(root, ...key.split('/')),
    bucket,
    zone,
    async put(target, bytes) {
      const res = await zone.app.inject({ method: 'PUT', url: new URL(target.uploadUrl).pathname, payload: bytes });
      return res.statusCode;
    },
    async close() {
      await zone.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function s3Mode(enforce: boolean): Promise<Mode & { s3: S3TestServer }> {
  const s3 = await startS3Server({ enforce });
  const bucket = createS3Bucket({ ...s3, forcePathStyle: true, prefix: 'g2' });
  const zone = await createTestZoneApp({ bucket });
  return {
    name: enforce ? 's3-enforcing' : 's3-lenient',
    s3,
    fileOf: (key) => `${path.join(s3.directory, s3.bucket, 'g2', ...key.split('/'))}._S3rver_object`,
    bucket,
    zone,
    async put(target, bytes) {
      const res = await fetch(target.uploadUrl, {
        method: 'PUT',
        body: new Uint8Array(bytes),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      await zone.close();
      await bucket.close?.();
      await s3.close();
    },
  };
}

async function initiate(mode: Mode, sha1: string, size: number) {
  const res = await mode.zone.app.inject({
    method: 'POST',
    url: `/api/v1/uploads?zone=${mode.zone.zoneName}`,
    payload: { sha1, size },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { uploadId: string; uploadUrl: string };
}

const finalize = (mode: Mode, uploadId: string) =>
  mode.zone.app.inject({ method: 'POST', url: `/api/v1/uploads/${uploadId}/finalize` });

async function readContent(mode: Mode, sha1: string): Promise<Buffer | null> {
  const object = await mode.bucket.get(sha1ObjectKey(sha1));
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The invariant: the content key of H is absent, or holds bytes whose SHA-1 is H. */
async function expectNothingButH(mode: Mode, sha1: string, context: string): Promise<'absent' | 'stored'> {
  const content = await readContent(mode, sha1);
  if (content === null) return 'absent';
  expect(sha1Of(content), `${mode.name}: ${context}: bytes under sha1 ${sha1} (seed ${seed})`).toBe(sha1);
  return 'stored';
}

async function fileStamp(mode: Mode, sha1: string) {
  const stats = await stat(mode.fileOf(sha1ObjectKey(sha1)));
  return { ino: stats.ino, mtimeMs: stats.mtimeMs, size: stats.size };
}

beforeAll(() => {
  console.log(`G2: seed ${seed} (replay with FIGURL_G2_SEED=${seed})`);
});

describe.each([{ kind: 'filesystem' as const }, { kind: 's3-enforcing' as const }, { kind: 's3-lenient' as const }])(
  'G2 checksum binding: $kind bucket',
  ({ kind }) => {
    let mode: Mode;
    beforeAll(async () => {
      mode = kind === 'filesystem' ? await filesystemMode() : await s3Mode(kind === 's3-enforcing');
    });
    afterAll(() => mode?.close());

    it(`refuses wrong bytes in ${rounds} rounds (same length, other length): nothing ever stored under H`, async () => {
      const outcomes = new Map<string, number>();
      for (const [i, round] of plan(1).entries()) {
        const label = `${kind}:wrong:${i}`;
        const bytes = bytesFor(label, round.size);
        const sha1 = sha1Of(bytes);
        const target = await initiate(mode, sha1, bytes.length);
        const wrong = wrongBytes(bytes, round, label);
        const putStatus = await mode.put(target, wrong);
        const done = await finalize(mode, target.uploadId);
        const key = `${round.wrong}: PUT ${putStatus} → finalize ${done.statusCode}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        expect(
          done.statusCode,
          `${label} (seed ${seed}): ${round.wrong}, finalize ${done.body}`,
        ).toBeGreaterThanOrEqual(400);
        expect(done.statusCode).toBeLessThan(500);
        expect(await expectNothingButH(mode, sha1, label)).toBe('absent');
        expect(await mode.zone.prisma.blob.findUnique({ where: { sha1 } })).toBeNull();
        // H is still unknown: a new upload of it gets a target, not "exists".
        expect((await initiate(mode, sha1, bytes.length)).uploadId).not.toBe(target.uploadId);
      }
      console.log(
        `G2 ${kind}: ${rounds} wrong-byte rounds, all refused: ${JSON.stringify(Object.fromEntries(outcomes))}`,
      );
    });

    it('a second upload of stored content never changes the stored bytes (same object, same mtime)', async () => {
      const bytes = bytesFor(`${kind}:second`, 12_345);
      const sha1 = sha1Of(bytes);
      // Targets issued before the content exists: afterwards initiate answers "exists" instead.
      const honest = await Promise.all(Array.from({ length: 4 }, () => initiate(mode, sha1, bytes.length)));
      const liars = await Promise.all(Array.from({ length: 2 }, () => initiate(mode, sha1, bytes.length)));
      for (const target of honest) expect(await mode.put(target, bytes)).toBe(200);
      for (const [i, target] of liars.entries())
        await mode.put(target, bytesFor(`${kind}:second:liar:${i}`, bytes.length));

      const [first, ...rest] = honest;
      if (!first) throw new Error('no target');
      const created = await finalize(mode, first.uploadId);
      expect(created.json()).toMatchObject({ created: true, blob: { sha1, sha256: sha256Of(bytes) } });
      const before = await fileStamp(mode, sha1);
      // Enough time for a rewrite to show in mtime, even on coarse clocks.
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const target of [...liars, ...rest]) {
        const res = await finalize(mode, target.uploadId);
        expect(res.statusCode).toBe(liars.includes(target) ? 422 : 200);
        expect(await fileStamp(mode, sha1)).toEqual(before);
        expect((await readContent(mode, sha1))?.equals(bytes)).toBe(true);
      }
      const again = await mode.zone.app.inject({
        method: 'POST',
        url: `/api/v1/uploads?zone=${mode.zone.zoneName}`,
        payload: { sha1, size: bytes.length },
      });
      expect(again.json()).toMatchObject({ status: 'exists' });
    });

    // Presigned staging URLs exist only where the bucket serves uploads itself (S3).
    itWhere(kind !== 'filesystem')(
      `race: other bytes PUT to the presigned staging URL while finalize runs (${rounds} rounds)`,
      async () => {
        const outcomes = { stored: 0, refused: 0, bucketFailed: 0, putsDuringFinalize: 0 };
        for (const [i, round] of plan(2).entries()) {
          const label = `${kind}:race:${i}`;
          const bytes = bytesFor(label, Math.max(round.size, 2));
          const sha1 = sha1Of(bytes);
          const target = await initiate(mode, sha1, bytes.length);
          expect(await mode.put(target, bytes)).toBe(200);
          const other = bytesFor(`${label}:other`, bytes.length);
          let finished = false;
          const finalizing = finalize(mode, target.uploadId).finally(() => {
            finished = true;
          });
          // Start the overwrites at a seeded offset into finalize (some before its private copy,
          // some after), then keep them coming until it answers.
          await new Promise((resolve) => setTimeout(resolve, Math.floor(round.at * 40)));
          while (!finished) {
            await mode.put(target, other);
            outcomes.putsDuringFinalize++;
          }
          let done = await finalizing;
          if (done.statusCode === 503) {
            // s3rver writes an object's metadata in place, after the shim's atomic rename of its
            // bytes: a CopyObject racing a PUT can copy half-written metadata, and reading the copy
            // then fails (S3 itself has no such window). The zone answers 503 and publishes
            // nothing; the upload stays pending, so finalize again once the writes stopped.
            outcomes.bucketFailed++;
            expect(done.json(), `${label}: ${done.body}`).toMatchObject({ code: 'UNAVAILABLE' });
            expect(await expectNothingButH(mode, sha1, `${label} after 503`)).toBe('absent');
            done = await finalize(mode, target.uploadId);
          }
          expect([200, 422], `${label} (seed ${seed}): ${done.body}`).toContain(done.statusCode);
          const state = await expectNothingButH(mode, sha1, label);
          if (done.statusCode === 200) {
            outcomes.stored++;
            expect(state).toBe('stored');
            expect(done.json()).toMatchObject({ blob: { sha1, sha256: sha256Of(bytes), size: bytes.length } });
            const redirect = await mode.zone.app.inject({
              method: 'GET',
              url: `/sha1/${sha1}?zone=${mode.zone.zoneName}`,
            });
            const download = await fetch(String(redirect.headers.location), { signal: AbortSignal.timeout(10_000) });
            expect(sha1Of(Buffer.from(await download.arrayBuffer()))).toBe(sha1);
          } else {
            outcomes.refused++;
            expect(state).toBe('absent');
            expect(await mode.zone.prisma.blob.findUnique({ where: { sha1 } })).toBeNull();
          }
        }
        console.log(`G2 ${kind} race: ${JSON.stringify(outcomes)}`);
      },
    );

    itWhere(kind !== 'filesystem')(
      'a PUT through the zone, then other bytes to the presigned URL: finalize must not publish them',
      async () => {
        // Found here. In S3 mode the zone still serves its own PUT route; receiveUpload records the
        // digests of what it streamed to the staging key, and finalize trusts those digests and
        // publishes the staging key as it is *now* — but the client still holds a presigned URL
        // that rewrites that key. The rule "hash a private copy" is skipped whenever digests were
        // recorded.
        const bytes = bytesFor(`${kind}:proxied`, 5000);
        const sha1 = sha1Of(bytes);
        const target = await initiate(mode, sha1, bytes.length);
        const proxied = await mode.zone.app.inject({
          method: 'PUT',
          url: `/api/v1/uploads/${target.uploadId}`,
          payload: bytes,
        });
        expect(proxied.statusCode).toBe(200);
        const other = bytesFor(`${kind}:proxied:other`, bytes.length);
        expect(await mode.put(target, other)).toBe(200);
        const done = await finalize(mode, target.uploadId);
        const state = await expectNothingButH(mode, sha1, 'zone-proxied PUT, then a presigned PUT of other bytes');
        expect(state).toBe(done.statusCode === 200 ? 'stored' : 'absent');
      },
    );

    // Only a bucket that checks signatures can refuse a retargeted URL.
    itWhere(kind === 's3-enforcing')(
      'a presigned URL retargeted at the content key (or another staging key) is refused by the bucket',
      async () => {
        const bytes = bytesFor(`${kind}:retarget`, 1000);
        const sha1 = sha1Of(bytes);
        const target = await initiate(mode, sha1, bytes.length);
        // (Unsigned requests are out of scope: the shim, like s3rver, lets them through.)
        const forged = [
          target.uploadUrl.replace(`staging/${target.uploadId}`, sha1ObjectKey(sha1)),
          target.uploadUrl.replace(`staging/${target.uploadId}`, `staging/${otherId(target.uploadId)}`),
        ];
        for (const attempt of forged) {
          const res = await fetch(attempt, { method: 'PUT', body: new Uint8Array(bytesFor('evil', 1000)) });
          expect(res.status, attempt).toBe(403);
        }
        expect(await mode.bucket.head(sha1ObjectKey(sha1))).toBeNull();
      },
    );
  },
);

/** Another staging id: the same one with its first character changed (never equal to it). */
function otherId(id: string): string {
  return `${id.startsWith('0') ? '1' : '0'}${id.slice(1)}`;
}

/** Registers the test only for the buckets it applies to (no "skipped" noise for the others). */
function itWhere(applies: boolean): typeof it {
  return applies ? it : ((() => {}) as unknown as typeof it);
}
