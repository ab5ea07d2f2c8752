// `npm run bench:feeds`: feed appends and live delivery through two real zone processes
// (replicas) sharing one PostgreSQL, against bare PostgreSQL measured in the same run.
import { setMaxListeners } from 'node:events';
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

  // 1. Delivery: subscribers on both replicas (Server-Sent Events, then long-polls); one writer
  //    appends at a steady pace, alternating replicas; latency = append sent → message received.
  const urls = replicas.map((replica) => replica.url);
  const sse = await measureDelivery('sse', urls, feedsAt);
  const longPoll = await measureDelivery('long-poll', urls, feedsAt);

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
      measurement: `append → delivery p99, SSE (${subscribers} subscribers, 2 replicas)`,
      ours: `${sse.p99.toFixed(1)} ms`,
      baseline: '',
      ratio: '',
      target: `< ${deliveryTargetMs} ms`,
      verdict: verdictOf(sse.p99 < deliveryTargetMs && sse.seen === sse.expected),
    },
    {
      measurement: '  (p50; deliveries seen / expected)',
      ours: `${sse.p50.toFixed(1)} ms; ${sse.seen} / ${sse.expected}`,
      baseline: '',
      ratio: '',
      target: '',
      verdict: '',
    },
    {
      measurement: '  the same with long-polls: p99 (p50)',
      ours: `${longPoll.p99.toFixed(1)} ms (${longPoll.p50.toFixed(1)} ms)`,
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

/**
 * Subscribers split over both replicas wait for one feed ('sse': one event stream each;
 * 'long-poll': reads with wait=25 in a loop) while one writer appends a message every
 * `appendEveryMs`; returns latency percentiles of every delivery, and how many arrived.
 */
async function measureDelivery(
  mode: 'sse' | 'long-poll',
  urls: readonly string[],
  feedsAt: (i: number) => FeedClient,
): Promise<{ p50: number; p99: number; seen: number; expected: number }> {
  const { feedId } = await feedsAt(0).create({ label: `bench delivery ${mode}`, writers: ['*'] });
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const stop = new AbortController();
  // Every subscriber's request listens to it.
  setMaxListeners(0, stop.signal);
  const record = (message: unknown) => {
    const sent = sentAt.get((message as { n: number }).n);
    if (sent !== undefined) latencies.push(performance.now() - sent);
  };
  const ready: Array<Promise<void>> = [];
  const listening = Array.from({ length: subscribers }, async (_, s) => {
    let markReady: () => void = () => {};
    ready.push(new Promise((resolve) => (markReady = resolve)));
    try {
      if (mode === 'sse') {
        const url = `${urls[s % urls.length]}/api/v1/feeds/${feedId}/events`;
        const response = await fetch(url, { signal: stop.signal });
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        markReady();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            if (data !== undefined) record(JSON.parse(data).message);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      }
      const feeds = feedsAt(s);
      let from = 0;
      while (!stop.signal.aborted) {
        const reading = feeds.read(feedId, { from, wait: 25, signal: stop.signal });
        markReady();
        const page = await reading;
        for (const m of page.messages) record(m.message);
        from += page.messages.length;
      }
    } catch (err) {
      if (!stop.signal.aborted) throw err;
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
  return { p50: pct(50), p99: pct(99), seen: latencies.length, expected: appends * subscribers };
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
