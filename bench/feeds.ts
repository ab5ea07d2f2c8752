// `npm run bench:feeds`: feed appends and live delivery through two real zone processes
// (replicas) sharing one PostgreSQL, against bare PostgreSQL measured in the same run.
import { join } from 'node:path';
import { startDatabase } from '@figurl/prisma';
import { createFeedClient, createZoneClient, type FeedClient } from '@figurl/sdk';
import pg from 'pg';
import { parseBenchSettings } from './support/bench-settings.js';
import { formatTable, type TableRow, verdictOf } from './support/format-table.js';
import { machineNote } from './support/machine-note.js';
import { startBenchRun } from './support/start-bench-run.js';
import { startZoneProcess } from './support/start-zone-process.js';

const subscribers = 200;
const writers = 16;
const deliveryTargetMs = 50;
const appendsTarget = 1000;
/** One append every this many ms while subscribers listen. */
const appendEveryMs = 25;

const settings = parseBenchSettings(process.env);
const bench = await startBenchRun('figurl-bench-feeds-', settings.databaseUrl);

try {
  // Both replicas need the same database: without DATABASE_URL, one embedded server for both.
  let databaseUrl = bench.database.url;
  let where = bench.database.description;
  if (databaseUrl === undefined) {
    const embedded = await startDatabase({ databaseUrl: undefined, dataDir: join(bench.work, 'postgres') });
    bench.onCleanUp(() => embedded.stop());
    databaseUrl = embedded.url;
    where = `embedded PostgreSQL at ${new URL(embedded.url).host}`;
  }
  const replicas = [
    await startZoneProcess({ dataDir: join(bench.work, 'zone-a'), databaseUrl }),
    await startZoneProcess({ dataDir: join(bench.work, 'zone-b'), databaseUrl }),
  ];
  for (const replica of replicas) bench.onCleanUp(() => replica.stop());
  const feedsAt = (i: number): FeedClient =>
    createFeedClient(createZoneClient({ baseUrl: (replicas[i % 2] as { url: string }).url, fetch }).connection);

  console.log(`figurl feeds bench — ${where}`);
  console.log(machineNote(`2 zone replicas, ${settings.seconds} s per measurement`));

  // 1. Delivery: subscribers long-poll on both replicas; one writer appends at a steady pace,
  //    alternating replicas; latency = append sent → message received by each subscriber.
  const { feedId } = await feedsAt(0).create({ label: 'bench delivery', writers: ['*'] });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const stop = new AbortController();
  const ready: Array<Promise<void>> = [];
  const listening = Array.from({ length: subscribers }, async (_, s) => {
    const feeds = feedsAt(s);
    let from = 0;
    let first = true;
    let markReady: () => void = () => {};
    ready.push(new Promise((resolve) => (markReady = resolve)));
    while (!stop.signal.aborted) {
      // A signal per read (fetch keeps abort listeners until responses are collected).
      const read = new AbortController();
      const abort = () => read.abort();
      stop.signal.addEventListener('abort', abort, { once: true });
      const reading = feeds
        .read(feedId, { from, wait: 25, signal: read.signal })
        .finally(() => stop.signal.removeEventListener('abort', abort));
      if (first) {
        first = false;
        markReady();
      }
      const page = await reading.catch((err) => {
        if (stop.signal.aborted) return null;
        throw err;
      });
      if (page === null) return;
      const now = performance.now();
      for (const m of page.messages) {
        const sent = sentAt.get((m.message as { n: number }).n);
        if (sent !== undefined) latencies.push(now - sent);
      }
      from += page.messages.length;
    }
  });
  await Promise.all(ready);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const appends = Math.floor((settings.seconds * 1000) / appendEveryMs);
  for (let n = 0; n < appends; n++) {
    sentAt.set(n, performance.now());
    await feedsAt(n).append(feedId, [{ message: { n } }]);
    await new Promise((resolve) => setTimeout(resolve, appendEveryMs));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  stop.abort();
  await Promise.allSettled(listening);
  latencies.sort((x, y) => x - y);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  const expectedDeliveries = appends * subscribers;

  // 2. Throughput: 16 writers append one message per request to one feed, as fast as they can.
  const throughputFeed = (await feedsAt(0).create({ label: 'bench throughput', writers: ['*'] })).feedId;
  const appended = await runFor(settings.seconds, writers, async (w, deadline) => {
    const feeds = feedsAt(w);
    let count = 0;
    while (performance.now() < deadline) {
      await feeds.append(throughputFeed, [{ message: { w, count } }]);
      count++;
    }
    return count;
  });
  const appendRate = appended.rate;
  const log = await feedsAt(1).info(throughputFeed);

  // Baseline: bare PostgreSQL, the same 16 writers each committing one locked-counter insert
  // (what an append must do at least), straight through pg.
  const baselineRate = (await bareInsertRate(databaseUrl, settings.seconds)).rate;

  const rows: TableRow[] = [
    {
      measurement: `append → delivery p99 (${subscribers} subscribers, 2 replicas)`,
      ours: `${pct(99).toFixed(1)} ms`,
      baseline: '',
      ratio: '',
      target: `< ${deliveryTargetMs} ms`,
      verdict: verdictOf(pct(99) < deliveryTargetMs && latencies.length === expectedDeliveries),
    },
    {
      measurement: '  (p50; deliveries seen / expected)',
      ours: `${pct(50).toFixed(1)} ms; ${latencies.length} / ${expectedDeliveries}`,
      baseline: '',
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      measurement: `appends/s, ${writers} writers, one feed`,
      ours: `${Math.round(appendRate)}/s`,
      baseline: `${Math.round(baselineRate)}/s (bare PostgreSQL)`,
      ratio: `${(appendRate / baselineRate).toFixed(2)}x`,
      target: `>= ${appendsTarget}/s`,
      verdict: verdictOf(appendRate >= appendsTarget && log.messageCount === appended.total),
    },
  ];
  console.log(formatTable(rows));
  console.log(machineNote('at the end'));
  console.log(`throughput feed: ${log.messageCount} messages after the run, ${appended.total} acknowledged`);
} finally {
  await bench.cleanUp();
}

/** Runs `workers` loops until `seconds` pass; returns the operations completed, in all and per second. */
async function runFor(
  seconds: number,
  workers: number,
  loop: (worker: number, deadline: number) => Promise<number>,
): Promise<{ total: number; rate: number }> {
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const counts = await Promise.all(Array.from({ length: workers }, (_, w) => loop(w, deadline)));
  const elapsed = (performance.now() - start) / 1000;
  const total = counts.reduce((a, b) => a + b, 0);
  return { total, rate: total / elapsed };
}

async function bareInsertRate(databaseUrl: string, seconds: number): Promise<{ total: number; rate: number }> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query('CREATE TABLE bench_head (id int PRIMARY KEY, n bigint NOT NULL)');
  await admin.query('CREATE TABLE bench_log (n bigint PRIMARY KEY, body text NOT NULL)');
  await admin.query('INSERT INTO bench_head VALUES (1, 0)');
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  try {
    return await runFor(seconds, writers, async (w, deadline) => {
      const client = clients[w] as pg.Client;
      let count = 0;
      while (performance.now() < deadline) {
        await client.query('BEGIN');
        const { rows } = await client.query('SELECT n FROM bench_head WHERE id = 1 FOR UPDATE');
        const n = Number(rows[0].n);
        await client.query('INSERT INTO bench_log VALUES ($1, $2)', [n, `{"w":${w}}`]);
        await client.query('UPDATE bench_head SET n = $1 WHERE id = 1', [n + 1]);
        await client.query('COMMIT');
        count++;
      }
      return count;
    });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await admin.query('DROP TABLE bench_head, bench_log');
    await admin.end();
  }
}
