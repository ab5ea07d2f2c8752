import type { Prisma } from '@figurl/prisma';
import PgBoss from 'pg-boss';

export type JobHandler<T> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

export interface JobQueue {
  /**
   * Enqueues `data` on queue `name` inside `tx`: the job exists if and only if the transaction
   * commits (the transactional outbox, without a relay).
   */
  sendInTransaction(
    tx: Prisma.TransactionClient,
    name: string,
    data: object,
    options?: PgBoss.SendOptions,
  ): Promise<void>;
  send(name: string, data: object, options?: PgBoss.SendOptions): Promise<void>;
  /** Runs `handler` for each job of `name`, on whichever replica fetches it first; a throw retries it. */
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  /** Sends a job to `name` on a cron schedule (shared by all replicas: one send per tick). */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  databaseUrl: string;
  log?: { warn(obj: object, msg: string): void };
  /** Retries of a failed job (default 8, with exponential backoff from 2 s). */
  retryLimit?: number;
  /** How often idle workers look for jobs (default 2 s; pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
}

/**
 * Background work shared by every replica, on pg-boss (jobs in the `pgboss` schema of the
 * zone's own PostgreSQL): outbox delivery, garbage collection, later exports. A job is
 * fetched by one replica at a time (`SKIP LOCKED`), retried with backoff when its handler
 * throws, and survives restarts.
 *
 * @example
 * const jobs = await startJobQueue({ databaseUrl });
 * await jobs.work('collect-garbage', async () => collect());
 * await jobs.schedule('collect-garbage', '17 * * * *');
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: 4,
    retryLimit: options.retryLimit ?? 8,
    retryDelay: 2,
    retryBackoff: true,
  });
  boss.on('error', (err) => options.log?.warn({ err }, 'job queue error'));
  await boss.start();
  const created = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (created.has(name)) return;
    await boss.createQueue(name);
    created.add(name);
  };
  const defaults = { retryLimit: options.retryLimit ?? 8, retryDelay: 2, retryBackoff: true };
  return {
    async sendInTransaction(tx, name, data, sendOptions = {}) {
      await ensureQueue(name);
      const db: PgBoss.Db = {
        executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
      };
      await boss.send(name, data, { ...defaults, ...sendOptions, db });
    },
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      await boss.send(name, data, { ...defaults, ...sendOptions });
    },
    async work(name, handler) {
      await ensureQueue(name);
      await boss.work(name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
        for (const job of jobs) {
          await handler(job.data as never, {
            id: job.id,
            retryCount: (job as { retryCount?: number }).retryCount ?? 0,
          });
        }
      });
    },
    async schedule(name, cron, data = {}) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
