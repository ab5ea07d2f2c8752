import { rm } from 'node:fs/promises';
import { type BenchDatabase, createBenchDatabase } from './create-bench-database.js';
import { createWorkDir } from './create-work-dir.js';

export interface BenchRun {
  /** A fresh temporary folder for the run's files. */
  work: string;
  database: BenchDatabase;
  /** Registers something to stop before the database and folder go (servers, processes). */
  onCleanUp(stop: () => Promise<void>): void;
  /** Stops what was registered (newest first), drops the database, removes the folder. */
  cleanUp(): Promise<void>;
}

/**
 * What every benchmark script sets up first — a work folder and a throwaway database — and the
 * clean-up it owes, also on Ctrl+C.
 *
 * @example
 * const run = await startBenchRun('figurl-bench-x-', settings.databaseUrl);
 * try { … } finally { await run.cleanUp(); }
 */
export async function startBenchRun(prefix: string, databaseUrl: string | undefined): Promise<BenchRun> {
  const work = await createWorkDir(prefix);
  const database = await createBenchDatabase(databaseUrl);
  const stops: Array<() => Promise<void>> = [];
  const cleanUp = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
    await database.drop().catch(() => {});
    await rm(work, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });
  return { work, database, onCleanUp: (stop) => void stops.push(stop), cleanUp };
}
