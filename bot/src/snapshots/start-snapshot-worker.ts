import { runSnapshotPass, type SnapshotPassDeps, type SnapshotPassResult } from './run-snapshot-pass.js';

export interface SnapshotWorker {
  /** Runs a pass now (after the one running, if any) and returns its results. */
  runNow(): Promise<SnapshotPassResult[]>;
  /** No more passes; resolves when the running one has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `runSnapshotPass` every `intervalMs` (default 30 s), one pass at a time: passes never
 * overlap, so this process never commits an older state after a newer one. A failed pass (the
 * zone away) is logged and the next one runs on time.
 *
 * @example
 * const worker = startSnapshotWorker({ curations, octokitFor, state, log: app.log, intervalMs: 30_000 });
 * process.on('SIGTERM', () => void worker.stop());
 */
export function startSnapshotWorker(deps: SnapshotPassDeps & { intervalMs?: number }): SnapshotWorker {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const runNow = (): Promise<SnapshotPassResult[]> => {
    const pass = running.then(() => (stopped ? [] : runSnapshotPass(deps)));
    running = pass.catch(() => {});
    return pass;
  };
  const timer = setInterval(() => {
    runNow().catch((error: unknown) =>
      deps.log?.warn(`snapshot pass failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, deps.intervalMs ?? 30_000);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
