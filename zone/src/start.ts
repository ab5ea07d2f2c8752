import { parseZoneConfig } from './config.js';
import { startZone } from './server.js';

// The edge: the only place that reads process.env, prints to the terminal and handles signals.
async function main(): Promise<void> {
  const config = parseZoneConfig(process.env);
  const say = (line: string) => process.stderr.write(`figurl: ${line}\n`);
  say(
    config.databaseUrl
      ? 'using the PostgreSQL at DATABASE_URL'
      : `starting the embedded PostgreSQL in ${config.dataDir}/postgres`,
  );
  const zone = await startZone({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, say);
  say(`zone listening at ${zone.url}`);
  say(`  health:    ${zone.url}/healthz`);
  say(`  readiness: ${zone.url}/readyz`);
  say('the storage API, the figure shell and the plugins arrive with the next issues; press Ctrl+C to stop');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping`);
    zone.close().then(
      () => process.exit(0),
      (err: unknown) => {
        say(`error while stopping: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const debug = process.argv.includes('--debug') || process.env.FIGURL_DEBUG === '1';
  process.stderr.write(`figurl: ${err instanceof Error ? err.message : String(err)}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
