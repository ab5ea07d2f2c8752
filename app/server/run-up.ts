import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FigurlError } from '@figurl/sdk';
import { ensureShellToken, parseZoneConfig, type RunningZone, startZone } from '@figurl/zone';
import { seedDemoFigures } from './seed-demo-figures';

export interface UpIo {
  env: Record<string, string | undefined>;
  say(line: string): void;
}

export const upUsage = `usage: figurl up [--port 3000] [--zone-port 4100] [--host 127.0.0.1] [--data .figurl] [--no-demo]
Runs figurl on this machine: the zone (embedded PostgreSQL unless DATABASE_URL is set), the
plugin host (the zone's port) and the shell, building what is missing first, and seeds the
demo figures. --host 0.0.0.0 exposes them to the network (the zone then takes no anonymous uploads).`;

export interface RunningFigurl {
  shellUrl: string;
  zoneUrl: string;
  close(): Promise<void>;
}

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(appDir, '..');

/**
 * `figurl up` (`npm start`): builds the plugins and the shell when their sources changed, starts
 * the zone with the plugin host and the shell (Next.js, in this process), seeds the demo figures
 * and prints where everything is. Resolves with handles to stop them.
 */
export async function startFigurl(argv: string[], io: UpIo): Promise<RunningFigurl> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '3000' },
      'zone-port': { type: 'string', default: '4100' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const port = parsePort(values.port, '--port');
  const zonePort = parsePort(values['zone-port'], '--zone-port');
  const host = values.host;
  if (!values['no-build']) buildShell(io);

  // Where browsers reach the services: the loopback name, or this machine's for --host 0.0.0.0.
  const shown = host === '0.0.0.0' || host === '::' ? (io.env.HOSTNAME ?? '127.0.0.1') : host;
  const zoneConfig = parseZoneConfig({
    ...io.env,
    FIGURL_HOST: host,
    FIGURL_PORT: String(zonePort),
    ...(values.data === undefined ? {} : { FIGURL_DATA_DIR: values.data }),
    FIGURL_SHELL_URL: io.env.FIGURL_SHELL_URL ?? `http://${shown}:${port}`,
  });
  io.say(
    zoneConfig.databaseUrl
      ? 'using the PostgreSQL at DATABASE_URL'
      : `starting the embedded PostgreSQL in ${zoneConfig.dataDir}/postgres`,
  );
  const zone = await startZone(
    { ...zoneConfig, logLevel: zoneConfig.logLevel === 'info' ? 'warn' : zoneConfig.logLevel },
    io.say,
  );
  let shell: Server | undefined;
  try {
    const zoneUrl = zone.url.replace('://0.0.0.0:', `://${shown}:`);
    // The shell acts for its signed-in users with a delegate token, so their curation actions are
    // theirs; one of its own (kept in the data folder) unless FIGURL_ZONE_TOKEN names another.
    const zoneToken =
      io.env.FIGURL_ZONE_TOKEN ||
      (await ensureShellToken({ databaseUrl: zone.databaseUrl, dataDir: zoneConfig.dataDir }));
    const started = await startShell({ host, port, zoneUrl, zoneToken });
    shell = started.server;
    const shellUrl = io.env.FIGURL_SHELL_URL ?? `http://${shown}:${started.port}`;
    process.env.FIGURL_SHELL_URL = shellUrl;
    io.say(`zone listening at ${zoneUrl}${zoneConfig.open ? ' (open: anyone on this machine may upload)' : ''}`);
    io.say(`plugins served from ${zoneUrl}/plugins`);
    io.say(`shell listening at ${shellUrl}`);
    if (!values['no-demo']) await seedAndReport({ zone, zoneUrl, shellUrl, open: zoneConfig.open, io });
    io.say(`make your own: npx figurl figure vegalite spec.json --label "My chart"`);
    const server = shell;
    return {
      shellUrl,
      zoneUrl,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await zone.close();
      },
    };
  } catch (err) {
    shell?.close();
    await zone.close();
    throw err;
  }
}

/** Runs figurl in the foreground until SIGINT/SIGTERM. */
export async function runUp(argv: string[], io: UpIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.say(upUsage);
    return 0;
  }
  const running = await startFigurl(argv, io);
  io.say(`open ${running.shellUrl} — press Ctrl+C to stop`);
  await new Promise<void>((resolve, reject) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.say(`${signal}: stopping`);
      running.close().then(resolve, reject);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

async function seedAndReport(options: {
  zone: RunningZone;
  zoneUrl: string;
  shellUrl: string;
  open: boolean;
  io: UpIo;
}): Promise<void> {
  const { io } = options;
  if (!options.open && io.env.FIGURL_TOKEN === undefined) {
    io.say('demo figures not seeded: the zone takes no anonymous uploads here (set FIGURL_TOKEN to seed them)');
    return;
  }
  const demos = await seedDemoFigures({
    zoneUrl: options.zoneUrl,
    shellUrl: options.shellUrl,
    token: io.env.FIGURL_TOKEN,
  });
  io.say('demo figures:');
  for (const demo of demos) io.say(`  ${demo.label}: ${demo.url}`);
}

/** Plugins and shell, each rebuilt only when its sources changed (scripts shared with `npm test`). */
function buildShell(io: UpIo): void {
  for (const script of [path.join(rootDir, 'plugins/build-plugins.mjs'), path.join(appDir, 'scripts/build-app.mjs')]) {
    const result = spawnSync(process.execPath, [script], { cwd: rootDir, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) {
      throw new FigurlError('INTERNAL', `building failed: node ${path.relative(rootDir, script)} (see above)`);
    }
  }
  io.say('plugins and shell are built');
}

async function startShell(options: {
  host: string;
  port: number;
  zoneUrl: string;
  zoneToken: string;
}): Promise<{ server: Server; port: number }> {
  // The shell reads its settings from the environment on first use (lib/shell-config.ts).
  process.env.FIGURL_ZONE_URL = options.zoneUrl;
  process.env.FIGURL_ZONE_TOKEN = options.zoneToken;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  const { default: next } = await import('next');
  const nextApp = next({ dev: false, dir: appDir, hostname: options.host, port: options.port, quiet: true });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end();
      process.stderr.write(`figurl: shell error: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new FigurlError('UNAVAILABLE', `port ${options.port} is in use: stop what uses it, or pass --port`)
          : err,
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

function parsePort(text: string, flag: string): number {
  const port = Number(text);
  if (!/^[0-9]{1,5}$/.test(text) || port > 65535) {
    throw new FigurlError('INVALID_REQUEST', `invalid ${flag} ${JSON.stringify(text)}: expected a port number 0-65535`);
  }
  return port;
}
