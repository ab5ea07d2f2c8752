import { createFigureClient, createZoneClient, type FigureClient } from '@figurl/sdk';
import { Probot, ProbotOctokit } from 'probot';
import { expect } from 'vitest';
import { createFigurlApp } from '../../bot/src/index.js';
import { type BotServer, startBotServer } from '../../bot/src/start-bot-server.js';
import { type GitHubStandIn, type Permission, startGitHubStandIn } from './github-stand-in.js';
import { deliverWebhook } from './webhook-deliveries.js';
import { createTestZoneApp, type TestZone } from './zone-app.js';

export interface BotHarness {
  gh: GitHubStandIn;
  zone: TestZone;
  zoneUrl: string;
  /** The bot's own figure client (anonymous unless `botZoneToken` was given). */
  figures: FigureClient;
  bot: BotServer;
  installationId: number;
  owner: string;
  fullName: string;
  /** Delivers a signed webhook, waits until the bot's queue is idle, and checks nothing failed. */
  deliver(event: string, payload: unknown, deliveryId?: string): ReturnType<typeof deliverWebhook>;
  close(): Promise<void>;
}

export const botWebhookSecret = 'webhook-secret-for-tests-0123456789';

/**
 * The figurl GitHub App as it runs, against the GitHub stand-in and a real zone (a fresh zone on
 * the test PostgreSQL): an App registered with exactly `bot/app.yml`'s permissions, installed on
 * `owner`'s account, a repository with the given collaborators, and the bot's HTTP server.
 *
 * @example
 * const h = await startBotHarness({ owner: 'octo', collaborators: [{ login: 'reviewer', permission: 'pull' }] });
 * await h.deliver('pull_request', payload);
 */
export async function startBotHarness(options: {
  owner: string;
  collaborators?: ReadonlyArray<{ login: string; permission: Permission | 'read' | 'write' }>;
  /** A zone token for the bot (e.g. a zone admin's), made after the zone starts. */
  botZoneToken?: (zone: TestZone) => Promise<string>;
}): Promise<BotHarness> {
  const gh = await startGitHubStandIn();
  const zone = await createTestZoneApp();
  const zoneUrl = await zone.app.listen({ port: 0, host: '127.0.0.1' });
  const token = options.botZoneToken === undefined ? undefined : await options.botZoneToken(zone);
  const figures = createFigureClient(
    createZoneClient({ baseUrl: zoneUrl, fetch, zone: zone.zoneName, ...(token === undefined ? {} : { token }) })
      .connection,
  );
  const owner = options.owner;
  const fullName = `${owner}/lab-${Date.now().toString(36)}`;
  gh.addUser({ login: owner });
  for (const collaborator of options.collaborators ?? []) gh.addUser({ login: collaborator.login });
  const app = gh.createApp({
    appId: 4242,
    slug: 'figurl',
    permissions: { metadata: 'read', contents: 'write', pull_requests: 'write', issues: 'write', checks: 'write' },
  });
  gh.createRepo({ owner, name: fullName.split('/')[1] as string, collaborators: options.collaborators ?? [] });
  const installationId = gh.installApp('figurl', { owner });
  const probot = new Probot({
    appId: 4242,
    privateKey: app.privateKeyPem,
    secret: botWebhookSecret,
    baseUrl: gh.url,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  const processingErrors: unknown[] = [];
  const bot = await startBotServer({
    probot,
    app: createFigurlApp({ figures, shellUrl: 'https://figurl.test', zoneUrl: null }),
    queue: { onError: (error) => processingErrors.push(error) },
  });
  return {
    gh,
    zone,
    zoneUrl,
    figures,
    bot,
    installationId,
    owner,
    fullName,
    async deliver(event, payload, deliveryId) {
      const result = await deliverWebhook(bot.webhookUrl, {
        event,
        payload,
        secret: botWebhookSecret,
        ...(deliveryId === undefined ? {} : { deliveryId }),
      });
      await bot.queue.onIdle();
      expect(processingErrors).toEqual([]);
      return result;
    },
    async close() {
      await bot.close();
      await zone.close();
      await gh.close();
    },
  };
}
