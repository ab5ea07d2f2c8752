// `npm run bench:find-file`: the kachery-gateway findFile (POST /api/gateway) of a real zone
// process under autocannon, against a bare Fastify route measured in the same run.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createKeyPair, signEnvelope } from '@figurl/sdk';
import { parseBenchSettings } from './support/bench-settings.js';
import { formatTable, type TableRow, verdictOf } from './support/format-table.js';
import { machineNote } from './support/machine-note.js';
import { measureGatewaySteps } from './support/measure-gateway-steps.js';
import { median } from './support/median.js';
import { readCpuMs } from './support/read-cpu-ms.js';
import { type LoadResult, runAutocannon } from './support/run-autocannon.js';
import { startBenchRun } from './support/start-bench-run.js';
import { type ServerProcess, startServerProcess } from './support/start-server-process.js';
import { startZoneProcess } from './support/start-zone-process.js';
import { storeWithCli } from './support/transfer-steps.js';
import { writeTestFile } from './support/write-test-file.js';

const rate = 500;
const p99Target = 20;
const throughputTarget = 0.5;
const connections = 10;
/** Distinct signed bodies per run, sent in turn. */
const poolSize = 1000;

const settings = parseBenchSettings(process.env);
if (settings.seconds > 100) {
  // Bodies are signed before each run, and the zone accepts a signature for ±120 s.
  throw new Error(`invalid environment: FIGURL_BENCH_SECONDS ${settings.seconds}: expected at most 100`);
}
const bench = await startBenchRun('figurl-bench-find-file-', settings.databaseUrl);
const { work, database } = bench;

try {
  const home = join(work, 'home');
  await mkdir(home);
  const zone = await startZoneProcess({ dataDir: join(work, 'zone'), databaseUrl: database.url });
  bench.onCleanUp(() => zone.stop());
  const bare = await startServerProcess({
    script: 'bench/bare-fastify-server.ts',
    env: {},
    ready: /listening at (http:\/\/\S+)/,
  });
  bench.onCleanUp(() => bare.stop());

  // A small blob the zone holds, so every findFile walks the whole found path.
  const file = join(work, 'blob.bin');
  const { sha1 } = await writeTestFile(file, 4096);
  await storeWithCli(zone, { file, home, expectedSha1: sha1 });
  const keys = createKeyPair();
  // Signed before each run, as a client signs each request: distinct timestamps, so distinct
  // signatures, and every request pays a real verification. The zone accepts each for ±120 s.
  const signedBodies = (count = poolSize) => {
    const start = Date.now();
    return Array.from({ length: count }, (_, i) => {
      const payload = { type: 'findFile', timestamp: start - i, hashAlg: 'sha1', hash: sha1, zone: 'default' };
      return JSON.stringify(signEnvelope(payload, keys));
    });
  };
  const probe = await fetch(`${zone.url}/api/gateway`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedBodies(1).join(''),
  });
  const answer = (await probe.json()) as { found?: boolean };
  if (probe.status !== 200 || answer.found !== true) {
    throw new Error(`findFile answered HTTP ${probe.status} ${JSON.stringify(answer)}: expected found: true`);
  }

  const gateway = (server: ServerProcess) => `${server.url}/api/gateway`;
  const post = (server: ServerProcess, seconds: number, rateLimit?: number) =>
    runAutocannon({
      url: gateway(server),
      bodies: signedBodies(),
      seconds,
      connections,
      ...(rateLimit === undefined ? {} : { rate: rateLimit }),
    });
  process.stderr.write('warming up\n');
  await post(bare, 3);
  await post(zone, 3);

  const noteAtStart = machineNote(
    `autocannon in the bench process, ${connections} connections, ${settings.seconds} s per run, ${settings.runs} max-throughput runs each (median)`,
  );
  process.stderr.write(`${rate} req/s for ${settings.seconds} s, each server\n`);
  const fixedZone = await post(zone, settings.seconds, rate);
  const fixedBare = await post(bare, settings.seconds, rate);

  const maxZone: LoadResult[] = [];
  const maxBare: LoadResult[] = [];
  const cpuPerRequest = { zone: [] as number[], bare: [] as number[] };
  for (let run = 0; run < settings.runs; run++) {
    // Alternate who goes first, so neither side always meets a busier machine.
    for (const which of run % 2 === 0 ? (['bare', 'zone'] as const) : (['zone', 'bare'] as const)) {
      const server = which === 'zone' ? zone : bare;
      const before = readCpuMs(server.pid);
      const result = await post(server, settings.seconds);
      const after = readCpuMs(server.pid);
      cpuPerRequest[which].push((after.user + after.system - before.user - before.system) / result.total);
      (which === 'zone' ? maxZone : maxBare).push(result);
    }
    process.stderr.write(`max-throughput run ${run + 1}/${settings.runs} done\n`);
  }

  const zoneMax = median(maxZone.map((r) => r.throughput));
  const bareMax = median(maxBare.map((r) => r.throughput));
  const perSecond = (r: number) => `${r.toFixed(0)} req/s`;
  const rows: TableRow[] = [
    {
      measurement: `findFile p99 at ${rate} req/s`,
      ours: `${fixedZone.p99.toFixed(1)} ms`,
      baseline: `${fixedBare.p99.toFixed(1)} ms (bare Fastify)`,
      ratio: '',
      target: `< ${p99Target} ms`,
      verdict: verdictOf(fixedZone.p99 < p99Target),
    },
    {
      measurement: `  (p50; answered rate)`,
      ours: `${fixedZone.p50.toFixed(1)} ms; ${perSecond(fixedZone.throughput)}`,
      baseline: `${fixedBare.p50.toFixed(1)} ms; ${perSecond(fixedBare.throughput)}`,
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      measurement: 'findFile max throughput',
      ours: perSecond(zoneMax),
      baseline: `${perSecond(bareMax)} (bare Fastify)`,
      ratio: `${(zoneMax / bareMax).toFixed(2)}x`,
      target: `>= ${throughputTarget}x`,
      verdict: verdictOf(zoneMax / bareMax >= throughputTarget),
    },
  ];
  console.log(`\nfigurl findFile bench — ${database.description}`);
  console.log(noteAtStart);
  console.log(formatTable(rows));
  const list = (results: LoadResult[]) => results.map((r) => r.throughput.toFixed(0)).join(' ');
  console.log(`max-throughput runs (req/s): zone ${list(maxZone)} | bare ${list(maxBare)}`);

  if (settings.breakdown) {
    const seconds = Math.min(5, settings.seconds);
    const healthz = await runAutocannon({ url: `${zone.url}/healthz`, seconds, connections });
    const readyz = await runAutocannon({ url: `${zone.url}/readyz`, seconds, connections });
    const cpu = (values: number[]) => `${(median(values) * 1000).toFixed(0)} µs`;
    console.log(`\nwhere a findFile's time goes (max throughput, ${seconds} s each):`);
    console.log(`  bare Fastify POST                                  ${perSecond(bareMax)}`);
    console.log(`  zone GET /healthz (Fastify + zone plugins, no DB)  ${perSecond(healthz.throughput)}`);
    console.log(`  zone GET /readyz (one SELECT 1 through Prisma)     ${perSecond(readyz.throughput)}`);
    console.log(`  zone POST /api/gateway findFile                    ${perSecond(zoneMax)}`);
    console.log(
      `  server CPU per request: zone findFile ${cpu(cpuPerRequest.zone)}, bare Fastify ${cpu(cpuPerRequest.bare)} (PostgreSQL's own CPU not included)`,
    );
    console.log('  CPU-bound steps of one findFile, timed in the bench process:');
    for (const step of measureGatewaySteps(signedBodies(1).join(''))) {
      console.log(`    ${step.name.padEnd(54)} ${step.micros.toFixed(1).padStart(8)} µs`);
    }
  }
  console.log(machineNote('at the end'));
} finally {
  await bench.cleanUp();
}
