/** What a transfer or findFile run is asked to do, read once from the environment at the edge. */
export interface BenchSettings {
  /** Size of each transfer file, in MiB (`FIGURL_BENCH_SIZE_MB`, default 1024). */
  sizeMb: number;
  /** Runs per measurement, at least 2; the tables report the median (`FIGURL_BENCH_RUNS`, default 5). */
  runs: number;
  /** Seconds per autocannon run (`FIGURL_BENCH_SECONDS`, default 10). */
  seconds: number;
  /** Print where the time goes after the table (`FIGURL_BENCH_BREAKDOWN=0` skips it). */
  breakdown: boolean;
  /** The PostgreSQL server to create a throwaway database on; unset runs the zone's embedded one. */
  databaseUrl: string | undefined;
}

/**
 * Reads the bench settings; a bad value stops the bench with one line naming the variable.
 *
 * @example
 * parseBenchSettings({ FIGURL_BENCH_SIZE_MB: '64' }); // { sizeMb: 64, runs: 5, … }
 */
export function parseBenchSettings(env: Record<string, string | undefined>): BenchSettings {
  const breakdown = env.FIGURL_BENCH_BREAKDOWN;
  if (breakdown !== undefined && !['0', '1', ''].includes(breakdown)) {
    throw new Error(`invalid environment: FIGURL_BENCH_BREAKDOWN ${JSON.stringify(breakdown)}: expected 0 or 1`);
  }
  return {
    sizeMb: positiveInteger(env, 'FIGURL_BENCH_SIZE_MB', 1024, 1),
    runs: positiveInteger(env, 'FIGURL_BENCH_RUNS', 5, 2),
    seconds: positiveInteger(env, 'FIGURL_BENCH_SECONDS', 10, 1),
    breakdown: breakdown !== '0',
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
  };
}

function positiveInteger(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`invalid environment: ${name} ${JSON.stringify(text)}: expected an integer >= ${min}`);
  }
  return value;
}
