import { type ServerProcess, startServerProcess } from './start-server-process.js';

/** A zone in its own process; `pid` is the zone's node process (an embedded PostgreSQL runs in others). */
export type ZoneProcess = ServerProcess;

/**
 * Starts a zone as `npm start` does (`zone/src/start.ts`), in its own process so its memory and
 * CPU can be measured: open mode, a free port, logs at `warn`. `databaseUrl` unset starts the
 * embedded PostgreSQL under `dataDir`.
 *
 * @example
 * const zone = await startZoneProcess({ dataDir: '/tmp/b/zone', databaseUrl: undefined });
 * await zone.stop();
 */
export function startZoneProcess(options: { dataDir: string; databaseUrl: string | undefined }): Promise<ZoneProcess> {
  const env: Record<string, string> = {
    FIGURL_DATA_DIR: options.dataDir,
    FIGURL_PORT: '0',
    FIGURL_OPEN: '1',
    FIGURL_LOG_LEVEL: 'warn',
  };
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  return startServerProcess({ script: 'zone/src/start.ts', env, ready: /zone listening at (http:\/\/\S+)/ });
}
