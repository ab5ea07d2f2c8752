import { createFeedClient, createZoneClient, type FeedMessage } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDatabaseUrl } from '../../support/database.js';
import { checkFeedHistory, type ObservedRead } from '../../support/feed-history.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

// G5: 16 concurrent writers × 500 appends over two zone replicas, with readers polling and
// long-polling meanwhile. The log must be exactly seqs 0..7999, each acknowledged append at the
// seq it was answered, every read a prefix-consistent view of the final log, and the hash
// chain must verify.
const writers = 16;
const appendsPerWriter = 500;
const readers = 4;

let replicas: TestZone[] = [];
let urls: string[] = [];

beforeAll(async () => {
  // Rights do not change during the test: cache zone settings as production does.
  replicas = [
    await createTestZoneApp({ databaseUrl: getDatabaseUrl(), identityCacheMs: 2000 }),
    await createTestZoneApp({ databaseUrl: getDatabaseUrl(), identityCacheMs: 2000 }),
  ];
  (replicas[1] as TestZone).zoneName = (replicas[0] as TestZone).zoneName;
  urls = await Promise.all(replicas.map((r) => r.app.listen({ host: '127.0.0.1', port: 0 })));
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.close()));
});

describe('G5: feed order under concurrent writers', () => {
  test(`${writers} writers × ${appendsPerWriter} appends + ${readers} polling readers`, {
    timeout: 120_000,
  }, async () => {
    const zone = (replicas[0] as TestZone).zoneName;
    const feedsAt = (i: number) =>
      createFeedClient(createZoneClient({ baseUrl: urls[i % urls.length] as string, fetch, zone }).connection);
    const { feedId } = await feedsAt(0).create({ label: 'G5', writers: ['*'] });
    const total = writers * appendsPerWriter;

    const acknowledged: Array<{ message: unknown; seq: number }> = [];
    const started = Date.now();
    const writing = Array.from({ length: writers }, async (_, w) => {
      const feeds = feedsAt(w);
      for (let i = 0; i < appendsPerWriter; i++) {
        const message = { w, i };
        const result = await feeds.append(feedId, [{ message }]);
        acknowledged.push({ message, seq: result.appended[0]?.seq as number });
      }
    });

    const reads: ObservedRead[] = [];
    let writersDone = false;
    const reading = Array.from({ length: readers }, async (_, r) => {
      const feeds = feedsAt(r + 1);
      let from = 0;
      // Half the readers long-poll, half poll with short pages; all stop once they have it all.
      while (from < total) {
        const page = await feeds.read(feedId, { from, limit: r % 2 === 0 ? 1000 : 37, wait: r % 2 === 0 ? 5 : 0 });
        reads.push({ from, messages: page.messages });
        from += page.messages.length;
        if (page.messages.length === 0 && writersDone && r % 2 === 1) await new Promise((res) => setTimeout(res, 10));
      }
    });
    await Promise.all(writing);
    const writeSeconds = (Date.now() - started) / 1000;
    writersDone = true;
    await Promise.all(reading);

    const finalLog: FeedMessage[] = [];
    while (finalLog.length < total + 1) {
      const page = await feedsAt(0).read(feedId, { from: finalLog.length });
      if (page.messages.length === 0) break;
      finalLog.push(...page.messages);
    }
    const report = checkFeedHistory({ feedId, finalLog, acknowledged, reads });
    console.info(
      `G5: ${total} appends by ${writers} writers over 2 replicas in ${writeSeconds.toFixed(1)} s (${Math.round(total / writeSeconds)}/s); ${reads.length} reads checked`,
    );
    expect(report.problems).toEqual([]);
    expect(report.messageCount).toBe(total);
    expect(acknowledged).toHaveLength(total);
    expect(new Set(acknowledged.map((a) => a.seq)).size).toBe(total);
  });
});
