import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './repo-root.js';
import { runProcess } from './run-process.js';
import type { ZoneProcess } from './start-zone-process.js';
import { watchPeakRss } from './watch-rss.js';

/** One timed transfer: wall time, and the peak RSS of the CLI and of the zone while it ran. */
export interface TransferRun {
  ms: number;
  cliPeakRss: number;
  zonePeakRss: number;
}

const figurlBin = join(repoRoot, 'sdk/bin/figurl.js');

/** Lets the kernel write back earlier dirty pages, so no timed step pays for the previous one's. */
export async function settle(): Promise<void> {
  await runProcess('sync', []);
}

/** `figurl store <file>` as a user runs it; returns the stored SHA-1 (checked against `expectedSha1`). */
export async function storeWithCli(
  zone: ZoneProcess,
  input: { file: string; home: string; expectedSha1: string },
): Promise<TransferRun> {
  await settle();
  const zoneWatch = watchPeakRss(zone.pid, { reset: true });
  const run = await runProcess(process.execPath, [figurlBin, 'store', input.file], {
    env: cliEnv(zone, input.home, join(input.home, 'cache')),
  });
  const zonePeakRss = zoneWatch.stop();
  const sha1 = /^sha1:\/\/([0-9a-f]{40})/.exec(run.stdout.trim())?.[1];
  if (sha1 !== input.expectedSha1) {
    throw new Error(`figurl store printed ${JSON.stringify(run.stdout.trim())}: expected sha1://${input.expectedSha1}`);
  }
  return { ms: run.ms, cliPeakRss: run.peakRss, zonePeakRss };
}

/** `figurl load sha1://<hash>` into an empty KACHERY_CLOUD_DIR; checks the file it prints, then removes it. */
export async function loadWithCli(
  zone: ZoneProcess,
  input: { sha1: string; size: number; home: string },
): Promise<TransferRun> {
  const cacheDir = join(input.home, `cache-${Date.now().toString(36)}`);
  await settle();
  const zoneWatch = watchPeakRss(zone.pid, { reset: true });
  const run = await runProcess(process.execPath, [figurlBin, 'load', `sha1://${input.sha1}`], {
    env: cliEnv(zone, input.home, cacheDir),
  });
  const zonePeakRss = zoneWatch.stop();
  const path = run.stdout.trim();
  const info = await stat(path).catch(() => null);
  if (!path.startsWith(cacheDir) || info?.size !== input.size) {
    throw new Error(`figurl load printed ${JSON.stringify(path)}: expected a ${input.size}-byte file in ${cacheDir}`);
  }
  await rm(cacheDir, { recursive: true, force: true });
  return { ms: run.ms, cliPeakRss: run.peakRss, zonePeakRss };
}

/** The store baseline: `sha1sum <file> && cp <file> <dest>`, one shell command; returns time and SHA-1. */
export async function sha1sumThenCp(file: string, dest: string): Promise<{ ms: number; sha1: string }> {
  await settle();
  const run = await runProcess('sh', ['-c', 'sha1sum "$1" && cp "$1" "$2"', 'sh', file, dest]);
  await rm(dest, { force: true });
  return { ms: run.ms, sha1: firstHash(run.stdout) };
}

/** The load baseline: `cp <blob> <dest> && sha1sum <dest>`, from the very file the zone serves. */
export async function cpThenSha1sum(blob: string, dest: string, expectedSha1: string): Promise<{ ms: number }> {
  await settle();
  const run = await runProcess('sh', ['-c', 'cp "$1" "$2" && sha1sum "$2"', 'sh', blob, dest]);
  await rm(dest, { force: true });
  if (firstHash(run.stdout) !== expectedSha1) throw new Error(`cp + sha1sum of ${blob}: expected ${expectedSha1}`);
  return { ms: run.ms };
}

/** Where the zone's filesystem bucket keeps a blob: `<dataDir>/bucket/sha1/aa/bb/cc/<hash>`. */
export function blobPath(zoneDataDir: string, sha1: string): string {
  return join(zoneDataDir, 'bucket', 'sha1', sha1.slice(0, 2), sha1.slice(2, 4), sha1.slice(4, 6), sha1);
}

/** Wall time of `figurl --help`, and its peak RSS: the CLI's fixed cost before any byte moves. */
export async function cliIdle(home: string): Promise<{ ms: number; peakRss: number }> {
  const run = await runProcess(process.execPath, [figurlBin, '--help'], {
    env: { PATH: process.env.PATH ?? '', HOME: home },
  });
  return { ms: run.ms, peakRss: run.peakRss };
}

function cliEnv(zone: ZoneProcess, home: string, cacheDir: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: home, FIGURL_ZONE_URL: zone.url, KACHERY_CLOUD_DIR: cacheDir };
}

function firstHash(sha1sumOutput: string): string {
  const hash = /^([0-9a-f]{40})\s/.exec(sha1sumOutput)?.[1];
  if (hash === undefined) throw new Error(`unexpected sha1sum output ${JSON.stringify(sha1sumOutput)}`);
  return hash;
}
