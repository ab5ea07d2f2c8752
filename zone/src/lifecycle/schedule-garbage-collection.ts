import type { JobQueue } from '../jobs/job-queue.js';
import { collectGarbage, type GarbageCollectorDeps } from './collect-garbage.js';

/** The pg-boss queue of the collector. */
export const collectGarbageJob = 'collect-garbage';

/** Every hour, at minute 17 (away from the top of the hour, when cron jobs crowd). */
const hourly = '17 * * * *';

/**
 * Runs the garbage collector as the `collect-garbage` job, hourly: every replica registers the
 * worker and the (shared) schedule, pg-boss hands each run to one of them, and a run that
 * fails is retried with backoff. Two runs overlapping would still be safe: each locks what it
 * deletes and skips what another holds.
 *
 * @example
 * await scheduleGarbageCollection(jobs, deps, { graceMs: config.gcGraceMs, log: app.log });
 */
export async function scheduleGarbageCollection(
  jobs: JobQueue,
  deps: GarbageCollectorDeps,
  options: { graceMs: number; log: { info(obj: object, msg: string): void }; cron?: string },
): Promise<void> {
  await jobs.work(collectGarbageJob, async () => {
    const report = await collectGarbage(deps, { graceMs: options.graceMs });
    const { bytesLeft, ...counts } = report;
    options.log.info({ ...counts, bytesLeft: bytesLeft.length }, 'garbage collected');
  });
  await jobs.schedule(collectGarbageJob, options.cron ?? hourly);
}
