import type { ZoneConfig } from '../config.js';
import { startZone } from '../server.js';

/**
 * Runs a zone in the foreground until SIGINT/SIGTERM, printing where it listens. Shared by
 * `npm start` and `figurl zone`.
 */
export async function serveZone(config: ZoneConfig, say: (line: string) => void): Promise<void> {
  say(
    config.databaseUrl
      ? 'using the PostgreSQL at DATABASE_URL'
      : `starting the embedded PostgreSQL in ${config.dataDir}/postgres`,
  );
  const zone = await startZone({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, say);
  say(
    `zone listening at ${zone.url}${config.open ? ' (open: anyone on this machine may upload to zone "default")' : ''}`,
  );
  say(`  health:     ${zone.url}/healthz`);
  say(`  API:        ${zone.url}/openapi.json`);
  say(`  store:      FIGURL_ZONE_URL=${zone.url} npx figurl store <file>`);
  say(`  Python:     KACHERY_GATEWAY_URL=${zone.url} kachery-cloud-store <file>`);
  say('press Ctrl+C to stop');
  await new Promise<void>((resolve, reject) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      say(`${signal}: stopping`);
      zone.close().then(resolve, reject);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
