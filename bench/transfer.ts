// `npm run bench:transfer`: store and load of a large file through the real CLI and a real zone
// process on loopback, against sha1sum + cp of the same bytes measured in the same run.
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchSettings } from './support/bench-settings.js';
import { formatTable, mib, type TableRow, verdictOf } from './support/format-table.js';
import { machineNote } from './support/machine-note.js';
import { formatPhases, measureLoadPhases, measureStorePhases } from './support/measure-phases.js';
import { median } from './support/median.js';
import { startBenchRun } from './support/start-bench-run.js';
import { startZoneProcess } from './support/start-zone-process.js';
import {
  blobPath,
  cliIdle,
  cpThenSha1sum,
  loadWithCli,
  sha1sumThenCp,
  storeWithCli,
  type TransferRun,
} from './support/transfer-steps.js';
import { readRss } from './support/watch-rss.js';
import { writeTestFile } from './support/write-test-file.js';

const throughputTarget = 0.8;
const rssLimit = 150 * 2 ** 20;

const settings = parseBenchSettings(process.env);
const size = settings.sizeMb * 2 ** 20;
const sizeLabel = settings.sizeMb % 1024 === 0 ? `${settings.sizeMb / 1024} GiB` : `${settings.sizeMb} MiB`;
const bench = await startBenchRun('figurl-bench-transfer-', settings.databaseUrl);
const { work, database } = bench;

try {
  const zoneDataDir = join(work, 'zone');
  const home = join(work, 'home');
  await mkdir(home);
  const zone = await startZoneProcess({ dataDir: zoneDataDir, databaseUrl: database.url });
  bench.onCleanUp(() => zone.stop());
  const zoneIdleRss = readRss(zone.pid)?.rss ?? 0;
  const idle = await cliIdle(home);
  const noteAtStart = machineNote(`file ${settings.sizeMb} MiB in ${tmpdir()}, ${settings.runs} runs (median)`);

  const store: TransferRun[] = [];
  const storeBaseline: number[] = [];
  const load: TransferRun[] = [];
  const loadBaseline: number[] = [];
  for (let run = 0; run < settings.runs; run++) {
    const file = join(work, `input-${run}.bin`);
    const { sha1 } = await writeTestFile(file, size);
    // Alternate who goes first, so neither side always meets a warmer or busier machine.
    const oursFirst = run % 2 === 1;
    const baselineStore = async () => {
      const result = await sha1sumThenCp(file, join(work, 'baseline-copy.bin'));
      if (result.sha1 !== sha1) throw new Error(`sha1sum printed ${result.sha1}: expected ${sha1}`);
      storeBaseline.push(result.ms);
    };
    if (!oursFirst) await baselineStore();
    store.push(await storeWithCli(zone, { file, home, expectedSha1: sha1 }));
    if (oursFirst) await baselineStore();
    await rm(file);

    const blob = blobPath(zoneDataDir, sha1);
    const baselineLoad = async () => {
      loadBaseline.push((await cpThenSha1sum(blob, join(work, 'baseline-load.bin'), sha1)).ms);
    };
    if (!oursFirst) await baselineLoad();
    load.push(await loadWithCli(zone, { sha1, size, home }));
    if (oursFirst) await baselineLoad();
    // This zone is the bench's own and never serves the blob again: free its disk and page cache,
    // so later runs do not meet a fuller machine than earlier ones.
    await rm(blob);
    process.stderr.write(`run ${run + 1}/${settings.runs} done\n`);
  }

  const rate = (ms: number) => `${(size / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s (${(ms / 1000).toFixed(2)} s)`;
  const throughputRow = (measurement: string, ours: number[], baseline: number[], baselineName: string): TableRow => {
    const ratio = median(baseline) / median(ours);
    return {
      measurement,
      ours: rate(median(ours)),
      baseline: `${rate(median(baseline))} ${baselineName}`,
      ratio: `${ratio.toFixed(2)}x`,
      target: `>= ${throughputTarget}x`,
      verdict: verdictOf(ratio >= throughputTarget),
    };
  };
  const rssRow = (measurement: string, peaks: number[], idleNote: string): TableRow => {
    const peak = Math.max(...peaks);
    return {
      measurement,
      ours: mib(peak),
      baseline: idleNote,
      ratio: '',
      target: `< ${mib(rssLimit)}`,
      verdict: verdictOf(peak < rssLimit),
    };
  };
  const cliIdleNote = `idle ${mib(idle.peakRss)} (figurl --help)`;
  const zoneIdleNote = `idle ${mib(zoneIdleRss)} (after start)`;
  const rows: TableRow[] = [
    throughputRow(
      `store ${sizeLabel} (CLI → zone → file bucket)`,
      store.map((r) => r.ms),
      storeBaseline,
      'sha1sum+cp',
    ),
    throughputRow(
      `load ${sizeLabel} (zone → verified cache)`,
      load.map((r) => r.ms),
      loadBaseline,
      'cp+sha1sum',
    ),
    rssRow(
      'peak RSS, CLI during store',
      store.map((r) => r.cliPeakRss),
      cliIdleNote,
    ),
    rssRow(
      'peak RSS, zone during store',
      store.map((r) => r.zonePeakRss),
      zoneIdleNote,
    ),
    rssRow(
      'peak RSS, CLI during load',
      load.map((r) => r.cliPeakRss),
      cliIdleNote,
    ),
    rssRow(
      'peak RSS, zone during load',
      load.map((r) => r.zonePeakRss),
      zoneIdleNote,
    ),
  ];
  const seconds = (values: readonly number[]) => values.map((ms) => (ms / 1000).toFixed(2)).join(' ');
  console.log(`\nfigurl transfer bench — ${database.description}`);
  console.log(noteAtStart);
  console.log(formatTable(rows));
  console.log(
    `runs (s): store ${seconds(store.map((r) => r.ms))} | sha1sum+cp ${seconds(storeBaseline)} | ` +
      `load ${seconds(load.map((r) => r.ms))} | cp+sha1sum ${seconds(loadBaseline)}; ` +
      `RSS is the maximum over runs; CLI start-up ${(idle.ms / 1000).toFixed(2)} s`,
  );

  if (settings.breakdown) {
    const file = join(work, 'phases.bin');
    const { sha1 } = await writeTestFile(file, size);
    const storePhases = await measureStorePhases(zone, file, work);
    const loadPhases = await measureLoadPhases(zone, { sha1, blob: blobPath(zoneDataDir, sha1), work });
    console.log(
      formatPhases(
        `\nwhere a store's time goes (${sizeLabel}, one run, sdk calls from the bench process):`,
        storePhases,
      ),
    );
    console.log(formatPhases(`where a load's time goes (${sizeLabel}, one run):`, loadPhases));
  }
  console.log(machineNote('at the end'));
} finally {
  await bench.cleanUp();
}
