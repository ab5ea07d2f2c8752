import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrismaClient, type PrismaClient, uniqueId } from '@figurl/prisma';
import { createMutableClient, createZoneClient, type MutableVersion } from '@figurl/sdk';
import { buildApp, createFilesystemBucket } from '@figurl/zone';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabaseUrl } from '../../support/database.js';

/*
 * G6: 32 clients compare-and-swap one mutable over real HTTP — read version and value, set
 * value + 1 with ifVersion, on CONFLICT back off a random while and read again — until 2,000
 * sets succeeded (the clients run in g6-clients.ts, in a process of their own, two processes of
 * 16). A lost update would leave the value below the number of successes; a torn write would
 * break the history, which must hold versions 1..2001, each value one more than the last.
 */
const processes = 2;
const clientsPerProcess = 16;
const target = 2000;
// Generous: on a quiet 2-core machine it takes 25–40 s, but CI runs other test files beside it.
const budgetMs = 150_000;
const root = new URL('../../..', import.meta.url).pathname;

let app: FastifyInstance;
let prisma: PrismaClient;
let bucketRoot: string;
let baseUrl: string;
const zoneName = uniqueId('zone');
beforeAll(async () => {
  // The zone as `npm start` runs it: pg's default pool of 10, zone settings cached for 2 s.
  prisma = createPrismaClient({ databaseUrl: getDatabaseUrl(), max: 10 });
  bucketRoot = await mkdtemp(join(tmpdir(), 'figurl-g6-'));
  ({ app } = await buildApp({
    version: '0.0.0-test',
    prisma,
    bucket: createFilesystemBucket({ root: bucketRoot }),
    logger: { level: 'error' },
  }));
  await prisma.zone.create({ data: { name: zoneName, allowPublicUpload: true, allowPublicDownload: true } });
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await prisma?.$disconnect();
  if (bucketRoot) await rm(bucketRoot, { recursive: true, force: true });
});

/** A client process's "ready" line, then its {successes, conflicts}, or its error message. */
function collect(child: ChildProcessWithoutNullStreams) {
  let stdout = '';
  let stderr = '';
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<{ successes: number; conflicts: number }>((resolve, reject) => {
    child.on('close', (code) => {
      onReady();
      if (code === 0) resolve(JSON.parse(stdout.slice('ready\n'.length)));
      else reject(new Error(`G6 clients failed (exit ${code}): ${stderr.trim()}`));
    });
  });
  return { ready, done };
}

describe('G6: concurrent compare-and-swap on one mutable', () => {
  it(
    `${processes * clientsPerProcess} clients reach ${target} successes, no update lost, the history contiguous`,
    async () => {
      const mutables = createMutableClient(
        createZoneClient({ baseUrl, fetch: globalThis.fetch, zone: zoneName }).connection,
      );
      const key = '@g6/counter';
      expect((await mutables.set(key, 0, { createOnly: true })).version).toBe(1);

      const args = [
        ...['--url', baseUrl, '--zone', zoneName, '--key', key],
        ...['--clients', String(clientsPerProcess), '--target', String(target), '--budget-ms', String(budgetMs)],
      ];
      const children = Array.from({ length: processes }, () =>
        spawn(join(root, 'node_modules/.bin/tsx'), ['test/integration/reliability/g6-clients.ts', ...args], {
          cwd: root,
        }),
      );
      const results = children.map(collect);
      let outcomes: Array<{ successes: number; conflicts: number }>;
      let seconds: number;
      try {
        // The clock starts once every process has loaded: compiling the sdk is not the test.
        await Promise.all(results.map((r) => r.ready));
        const started = Date.now();
        for (const child of children) child.stdin.write('go\n');
        outcomes = await Promise.all(results.map((r) => r.done));
        seconds = (Date.now() - started) / 1000;
      } finally {
        for (const child of children) if (child.exitCode === null) child.kill();
      }
      const successes = outcomes.reduce((sum, o) => sum + o.successes, 0);
      const conflicts = outcomes.reduce((sum, o) => sum + o.conflicts, 0);
      console.log(
        `G6: ${successes} successes, ${conflicts} conflicts by ${processes * clientsPerProcess} clients in ` +
          `${seconds.toFixed(1)} s (${(successes / seconds).toFixed(0)} successes/s)`,
      );

      const final = await mutables.get(key);
      expect(final.value).toBe(target);
      expect(successes).toBe(target);
      expect(final.version).toBe(target + 1);
      expect(conflicts, 'no conflict at all: the clients did not run concurrently').toBeGreaterThan(0);

      const versions: MutableVersion[] = [];
      for (let after = 0; ; ) {
        const page = await mutables.history(key, { after, limit: 1000 });
        versions.push(...page.versions);
        if (page.next === null) break;
        after = page.next;
      }
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: target + 1 }, (_, i) => i + 1));
      const broken = versions.findIndex((v, i) => v.value !== i);
      expect(broken, `history breaks at version ${broken + 1}: ${JSON.stringify(versions[broken])}`).toBe(-1);
    },
    budgetMs + 40_000,
  );
});
