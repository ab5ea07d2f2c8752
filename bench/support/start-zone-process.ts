import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from './repo-root.js';
import { type ServerProcess, startServerProcess } from './start-server-process.js';

/** A zone in its own process; `pid` is the zone's node process (an embedded PostgreSQL runs in others). */
export type ZoneProcess = ServerProcess;

/** The bundle `npm start` runs (`node zone/dist/start.mjs`), built by `npm run generate`. */
const zoneBundle = 'zone/dist/start.mjs';

/**
 * Starts a zone as `npm start` does (`node zone/dist/start.mjs`), in its own process so its
 * memory and CPU can be measured: open mode, a free port, logs at `warn`. `databaseUrl` unset
 * starts the embedded PostgreSQL under `dataDir`. The bench scripts build the bundle first
 * (`prebench:*`), as `npm start` does.
 *
 * @example
 * const zone = await startZoneProcess({ dataDir: '/tmp/b/zone', databaseUrl: undefined });
 * await zone.stop();
 */
export async function startZoneProcess(options: {
  dataDir: string;
  databaseUrl: string | undefined;
}): Promise<ZoneProcess> {
  if ((await stat(join(repoRoot, zoneBundle)).catch(() => null)) === null) {
    throw new Error(`${zoneBundle} is missing: run \`npm run generate\` (or \`npm run build -w @figurl/zone\`)`);
  }
  const env: Record<string, string> = {
    FIGURL_DATA_DIR: options.dataDir,
    FIGURL_PORT: '0',
    FIGURL_OPEN: '1',
    FIGURL_LOG_LEVEL: 'warn',
  };
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  return startServerProcess({ script: zoneBundle, env, ready: /zone listening at (http:\/\/\S+)/ });
}
