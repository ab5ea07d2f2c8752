import { createCurationClient, createFigureClient, createZoneClient } from '@figurl/sdk';
import { createProbot } from 'probot';
import { createFigurlApp } from './index.js';
import { parseBotEnv } from './parse-bot-env.js';
import {
  createSnapshotStateFile,
  installationOctokitFor,
  parseSnapshotEnv,
  startSnapshotWorker,
} from './snapshots/index.js';
import { startBotServer } from './start-bot-server.js';

/*
 * The bot's process entry: validate the environment, then serve. Run with
 * `node --import tsx bot/src/server.ts` (or `npm start --workspace @figurl/bot`).
 */
const env = parseBotEnv(process.env);
const snapshotSettings = parseSnapshotEnv(process.env);
const probot = createProbot({
  env: { ...process.env, PRIVATE_KEY: env.PRIVATE_KEY },
  overrides: {
    appId: env.APP_ID,
    privateKey: env.PRIVATE_KEY,
    secret: env.WEBHOOK_SECRET,
    ...(env.GITHUB_API_URL === undefined ? {} : { baseUrl: env.GITHUB_API_URL }),
  },
});
const zone = createZoneClient({
  baseUrl: env.FIGURL_ZONE_URL,
  fetch,
  token: env.FIGURL_ZONE_TOKEN,
  zone: env.FIGURL_ZONE,
});
const server = await startBotServer({
  probot,
  app: createFigurlApp({
    figures: createFigureClient(zone.connection),
    shellUrl: env.FIGURL_SHELL_URL,
    zoneUrl: env.FIGURL_PUBLIC_ZONE_URL ?? env.FIGURL_ZONE_URL,
    appSlug: env.APP_SLUG,
  }),
  port: env.PORT,
  host: env.HOST,
  webhookPath: env.WEBHOOK_PATH,
});
probot.log.info(`figurl bot listening on ${server.webhookUrl}`);

// Curation snapshots: linked curations committed to their repositories (FIGURL_SNAPSHOT_STATE_FILE).
const snapshots =
  snapshotSettings === null
    ? null
    : startSnapshotWorker({
        curations: createCurationClient(zone.connection),
        octokitFor: installationOctokitFor(probot),
        state: createSnapshotStateFile(snapshotSettings.stateFile),
        intervalMs: snapshotSettings.intervalMs,
        log: { warn: (message) => probot.log.warn(message) },
      });

const stop = () => {
  Promise.all([snapshots?.stop(), server.close()]).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
