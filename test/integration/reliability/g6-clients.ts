import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createMutableClient, createZoneClient, isFigurlError } from '@figurl/sdk';

/*
 * The clients of G6 (g6-mutable-cas.test.ts), in a process of their own, as clients on other
 * machines would be: once loaded it prints "ready" and waits for a line on stdin, then runs
 * `--clients` loops over the sdk's mutable client, each reading version and value, setting
 * value + 1 with ifVersion, and on CONFLICT backing off for a random while before reading
 * again, until the value reaches `--target`. Prints {successes, conflicts} as one JSON line;
 * exits 1 with a message when `--budget-ms` has passed since the start.
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    zone: { type: 'string' },
    key: { type: 'string' },
    clients: { type: 'string' },
    target: { type: 'string' },
    'budget-ms': { type: 'string' },
  },
});
const target = Number(values.target);
const budgetMs = Number(values['budget-ms']);
const mutables = createMutableClient(
  createZoneClient({ baseUrl: values.url as string, fetch: globalThis.fetch, zone: values.zone }).connection,
);
const key = values.key as string;
const stats = { successes: 0, conflicts: 0 };
let deadline = Number.POSITIVE_INFINITY;

async function client(): Promise<void> {
  // Conflicts in a row: the wait before reading again is random below 20 ms × 2^n (at most
  // 1.28 s), so retries do not swamp the zone.
  let streak = 0;
  for (;;) {
    if (Date.now() > deadline) {
      throw new Error(
        `G6 over its ${budgetMs / 1000} s budget: this process had ${stats.successes} of the ${target} successes`,
      );
    }
    const { version, value } = await mutables.get(key);
    if (typeof value !== 'number') throw new Error(`counter holds ${JSON.stringify(value)}: expected a number`);
    // The value grows by one per success, so every client stops at exactly `target`.
    if (value >= target) return;
    try {
      await mutables.set(key, value + 1, { ifVersion: version });
      stats.successes++;
      streak = 0;
    } catch (err) {
      if (!isFigurlError(err, 'CONFLICT')) throw err;
      stats.conflicts++;
      streak++;
      await sleep(Math.random() * 20 * 2 ** Math.min(streak, 6));
    }
  }
}

process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
deadline = Date.now() + budgetMs;
try {
  await Promise.all(Array.from({ length: Number(values.clients) }, client));
  process.stdout.write(`${JSON.stringify(stats)}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
