import { applyMigrations, createPrismaClient, type PrismaClient } from '@figurl/prisma';
import { type JobQueue, startJobQueue } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFreshDatabase, type FreshDatabase } from '../../support/database.js';

let db: FreshDatabase;
let prisma: PrismaClient;
let jobs: JobQueue;

beforeAll(async () => {
  db = await createFreshDatabase();
  await applyMigrations({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, max: 2 });
  jobs = await startJobQueue({ databaseUrl: db.url, pollingIntervalSeconds: 0.5, retryLimit: 2 });
});
afterAll(async () => {
  await jobs?.stop();
  await prisma?.$disconnect();
  await db?.drop();
});

const waitFor = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

describe('job queue (pg-boss on the zone database)', () => {
  test('a job sent in a transaction exists only if the transaction commits', async () => {
    const seen: string[] = [];
    await jobs.work<{ name: string }>('test-outbox', async (data) => {
      seen.push(data.name);
    });
    await prisma.$transaction(async (tx) => {
      await jobs.sendInTransaction(tx, 'test-outbox', { name: 'committed' });
    });
    await prisma
      .$transaction(async (tx) => {
        await jobs.sendInTransaction(tx, 'test-outbox', { name: 'rolled back' });
        throw new Error('roll back');
      })
      .catch(() => {});
    await waitFor(() => seen.length >= 1, 10_000);
    // Give a wrongly committed second job the time to show up.
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toEqual(['committed']);
  });

  test('a handler that throws is retried', async () => {
    let attempts = 0;
    await jobs.work('test-retry', async () => {
      attempts++;
      if (attempts < 2) throw new Error('first attempt fails');
    });
    await jobs.send('test-retry', {}, { retryDelay: 0, retryBackoff: false });
    await waitFor(() => attempts >= 2, 15_000);
    expect(attempts).toBe(2);
  });
});
