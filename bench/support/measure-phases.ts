import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createZoneClient } from '@figurl/sdk';
import { downloadBlobNode, loadFile, sha1File, uploadFileNode } from '@figurl/sdk/node';
import { type CpuTime, readCpuMs } from './read-cpu-ms.js';
import { runProcess } from './run-process.js';
import type { ZoneProcess } from './start-zone-process.js';
import { settle } from './transfer-steps.js';

/** One step of a transfer: its wall time, and the zone's CPU time while it ran. */
export interface Phase {
  name: string;
  ms: number;
  zoneCpu?: CpuTime;
  note?: string;
}

/**
 * Where a store's time goes: the same sdk calls `figurl store` makes (`storeFile`: hash pass,
 * initiate, one streamed PUT over node:http, finalize), made one at a time from this process,
 * plus the two halves of the baseline and what making the copy durable costs (`sync`, which the
 * zone's fsync pays and `cp` does not). `file` must hold bytes the zone has not seen.
 */
export async function measureStorePhases(zone: ZoneProcess, file: string, work: string): Promise<Phase[]> {
  const client = createZoneClient({ baseUrl: zone.url, fetch: globalThis.fetch });
  const phases: Phase[] = [];
  await settle();
  const digests = await step(zone, phases, 'client hash pass (SHA-1 only, as storeFile)', () => sha1File(file));
  const answer = await step(zone, phases, 'initiate (POST /api/v1/uploads)', () => client.initiateUpload(digests));
  if (answer.status !== 'upload') throw new Error('the zone already holds the breakdown file: expected fresh bytes');
  await settle();
  let peakBuffers = 0;
  const sampler = setInterval(() => {
    peakBuffers = Math.max(peakBuffers, process.memoryUsage().arrayBuffers);
  }, 20);
  const baseBuffers = process.memoryUsage().arrayBuffers;
  await step(zone, phases, 'PUT (uploadFileNode, streamed; zone hashes + writes + fsyncs)', () =>
    uploadFileNode(client.connection, answer.uploadUrl, file, digests.size),
  );
  clearInterval(sampler);
  const put = phases.at(-1);
  if (put) {
    put.note = `client ArrayBuffers grew by ${((peakBuffers - baseBuffers) / 2 ** 20).toFixed(0)} MiB during the PUT`;
  }
  await step(zone, phases, 'finalize (POST …/finalize)', () => client.finalizeUpload(answer.uploadId));
  const dest = join(work, 'phases-copy.bin');
  await settle();
  await step(zone, phases, 'baseline half: sha1sum', () => runProcess('sha1sum', [file]));
  await settle();
  await step(zone, phases, 'baseline half: cp', () => runProcess('cp', [file, dest]));
  await step(zone, phases, 'durability the baseline skips: sync after cp', () => runProcess('sync', []));
  await rm(dest, { force: true });
  return phases;
}

/**
 * Where a load's time goes: the zone's GET alone (bytes read over node:http, as `loadFile` reads
 * them, and dropped), then `loadFile` (GET + SHA-1 + write to the cache, what `figurl load`
 * runs), then the baseline's halves.
 */
export async function measureLoadPhases(
  zone: ZoneProcess,
  input: { sha1: string; blob: string; work: string },
): Promise<Phase[]> {
  const client = createZoneClient({ baseUrl: zone.url, fetch: globalThis.fetch });
  const phases: Phase[] = [];
  await settle();
  await step(zone, phases, 'GET /sha1/<hash>, bytes dropped (node:http)', async () => {
    // Read to the end; nothing kept.
    for await (const _ of (await downloadBlobNode(client.connection, input.sha1)).body) {
    }
  });
  const cacheDir = join(input.work, 'phases-cache');
  await settle();
  await step(zone, phases, 'loadFile (GET + SHA-1 + write to cache)', () =>
    loadFile(client, { hash: input.sha1, cacheDir }),
  );
  await rm(cacheDir, { recursive: true, force: true });
  const dest = join(input.work, 'phases-load.bin');
  await settle();
  await step(zone, phases, 'baseline half: cp', () => runProcess('cp', [input.blob, dest]));
  await settle();
  await step(zone, phases, 'baseline half: sha1sum', () => runProcess('sha1sum', [dest]));
  await rm(dest, { force: true });
  return phases;
}

async function step<T>(zone: ZoneProcess, phases: Phase[], name: string, run: () => Promise<T>): Promise<T> {
  const before = readCpuMs(zone.pid);
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  const after = readCpuMs(zone.pid);
  const zoneCpu = { user: after.user - before.user, system: after.system - before.system };
  // The baseline's steps do not involve the zone: no CPU column for them.
  phases.push(name.includes('baseline') ? { name, ms } : { name, ms, zoneCpu });
  return result;
}

/** The phases as indented lines: `  PUT …  4.12 s  zone CPU 3.80 s (user 2.10, sys 1.70)  (note)`. */
export function formatPhases(title: string, phases: readonly Phase[]): string {
  const width = Math.max(...phases.map((p) => p.name.length));
  const lines = phases.map((p) => {
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const cpu = p.zoneCpu
      ? `  zone CPU ${s(p.zoneCpu.user + p.zoneCpu.system).padStart(5)} s (user ${s(p.zoneCpu.user)}, sys ${s(p.zoneCpu.system)})`
      : '';
    return `  ${p.name.padEnd(width)}  ${(p.ms / 1000).toFixed(2).padStart(6)} s${cpu}${p.note ? `  (${p.note})` : ''}`;
  });
  return [title, ...lines].join('\n');
}
