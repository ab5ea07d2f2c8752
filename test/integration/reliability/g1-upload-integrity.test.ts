import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join, relative } from 'node:path';
import { sha1ObjectKey } from '@figurl/sdk';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * G1-lite (reliability-security.md §6): 2,000 uploads from 64 concurrent clients over real
 * sockets — unique content, same-content races, bodies corrupted after hashing, PUTs aborted
 * midway — then an invariant checker over the bucket and the database.
 */
const uploads = 2000;
const concurrency = 64;
const seed = 20261121;

type Kind = 'unique' | 'race' | 'corrupt' | 'abort';
interface Job {
  kind: Kind;
  bytes: Buffer;
  sha1: string;
  /** What is actually sent (differs from `bytes` when corrupt). */
  sent: Buffer;
}
interface Outcome {
  job: Job;
  initiate: number;
  put: number | 'aborted';
  finalize: number | undefined;
}

let zone: TestZone;
let baseUrl: string;
beforeAll(async () => {
  zone = await createTestZoneApp({ publicUrl: undefined, logger: { level: 'error' } });
  baseUrl = await zone.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => zone.close());

function planJobs(): Job[] {
  // Sizes 1 KiB–256 KiB, log-uniform, from a seeded generator so a failure replays.
  const sizes = fc.sample(
    fc.integer({ min: 10, max: 18 }).map((e) => 2 ** e),
    { seed, numRuns: uploads },
  );
  const jobs: Job[] = [];
  const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');
  for (let i = 0; jobs.length < uploads; i++) {
    const size = (sizes[i % sizes.length] ?? 1024) + (i % 7);
    const roll = i % 10;
    if (roll < 6) {
      const bytes = randomBytes(size);
      jobs.push({ kind: 'unique', bytes, sha1: sha1(bytes), sent: bytes });
    } else if (roll < 8) {
      const bytes = randomBytes(size);
      for (let k = 0; k < 8 && jobs.length < uploads; k++)
        jobs.push({ kind: 'race', bytes, sha1: sha1(bytes), sent: bytes });
      i += 1;
    } else if (roll < 9) {
      const bytes = randomBytes(size);
      const sent = Buffer.from(bytes);
      sent[size >> 1] = (sent[size >> 1] ?? 0) ^ 0xff;
      jobs.push({ kind: 'corrupt', bytes, sha1: sha1(bytes), sent });
    } else {
      const bytes = randomBytes(size);
      jobs.push({ kind: 'abort', bytes, sha1: sha1(bytes), sent: bytes });
    }
  }
  return jobs;
}

function put(url: string, body: Buffer, abortAfter?: number): Promise<number | 'aborted'> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'PUT', headers: { 'content-length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('aborted'));
    if (abortAfter === undefined) {
      req.end(body);
      return;
    }
    req.write(body.subarray(0, abortAfter), () => setTimeout(() => req.destroy(), 5));
  });
}

async function run(job: Job): Promise<Outcome> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const started = await post(`/api/v1/uploads?zone=${zone.zoneName}`, { sha1: job.sha1, size: job.bytes.length });
  const target = (await started.json()) as { status: string; uploadId?: string; uploadUrl?: string };
  if (target.status !== 'upload' || !target.uploadId || !target.uploadUrl) {
    return { job, initiate: started.status, put: 0, finalize: undefined };
  }
  const sent = await put(target.uploadUrl, job.sent, job.kind === 'abort' ? job.sent.length >> 1 : undefined);
  // Wait until the zone saw the aborted connection and released the upload.
  if (sent === 'aborted') await new Promise((r) => setTimeout(r, 20));
  const finalized = await post(`/api/v1/uploads/${target.uploadId}/finalize`, {});
  await finalized.arrayBuffer();
  return { job, initiate: started.status, put: sent, finalize: finalized.status };
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('G1-lite: upload integrity under concurrency', () => {
  it(`keeps every invariant over ${uploads} mixed uploads from ${concurrency} clients`, {
    timeout: 180_000,
  }, async () => {
    const jobs = planJobs();
    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++];
          if (job) outcomes.push(await run(job));
        }
      }),
    );
    expect(outcomes).toHaveLength(uploads);

    // 0 5xx anywhere.
    const serverErrors = outcomes.filter(
      (o) => o.initiate >= 500 || (typeof o.put === 'number' && o.put >= 500) || (o.finalize ?? 0) >= 500,
    );
    expect(
      serverErrors.map(
        (o) => `${o.job.kind} ${o.job.sha1}: initiate ${o.initiate}, put ${o.put}, finalize ${o.finalize}`,
      ),
    ).toEqual([]);

    // Every corrupted or truncated upload was refused at finalize, with no row.
    for (const o of outcomes.filter((x) => x.job.kind === 'corrupt' || x.job.kind === 'abort')) {
      if (o.finalize !== undefined) expect(o.finalize, `${o.job.kind} ${o.job.sha1}`).toBeGreaterThanOrEqual(400);
    }
    const refusedHashes = new Set(
      outcomes.filter((o) => o.job.kind === 'corrupt' || o.job.kind === 'abort').map((o) => o.job.sha1),
    );
    expect(await zone.prisma.blob.count({ where: { sha1: { in: [...refusedHashes] } } })).toBe(0);

    // Every acknowledged upload (finalize 200, or "exists" at initiate) is present, once.
    const acknowledged = new Set(
      outcomes.filter((o) => o.finalize === 200 || o.initiate === 200).map((o) => o.job.sha1),
    );
    const goodHashes = new Set(jobs.filter((j) => j.kind === 'unique' || j.kind === 'race').map((j) => j.sha1));
    expect(acknowledged).toEqual(goodHashes);
    const rows = await zone.prisma.blob.findMany({
      where: { sha1: { in: [...goodHashes] } },
      select: { sha1: true, sha256: true, size: true },
    });
    expect(rows).toHaveLength(goodHashes.size);

    // The bucket: content keys only (no staging left), each hashing to its name and its row's sha256.
    const files = await allFiles(zone.bucketRoot);
    expect(files.filter((f) => !f.startsWith('sha1/'))).toEqual([]);
    expect(files.sort()).toEqual([...goodHashes].map((h) => sha1ObjectKey(h)).sort());
    const bySha1 = new Map(rows.map((r) => [r.sha1, r]));
    for (const file of files) {
      const bytes = await readFile(join(zone.bucketRoot, file));
      const sha1 = createHash('sha1').update(bytes).digest('hex');
      expect(file).toBe(sha1ObjectKey(sha1));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(bySha1.get(sha1)?.sha256);
      expect(Number(bySha1.get(sha1)?.size)).toBe(bytes.length);
    }
  });
});
