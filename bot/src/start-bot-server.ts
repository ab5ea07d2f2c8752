import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApplicationFunction, createNodeMiddleware, type Probot } from 'probot';
import { createWebhookHandler } from './webhooks/create-webhook-handler.js';
import { createDeliveryQueue, type DeliveryQueue, type DeliveryQueueOptions } from './webhooks/delivery-queue.js';
import { createLruSet } from './webhooks/lru-set.js';

export interface StartBotServerOptions {
  probot: Probot;
  app: ApplicationFunction;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  webhookPath?: string;
  queue?: DeliveryQueueOptions;
  /** Delivery ids remembered for de-duplication. Default 10,000. */
  rememberDeliveries?: number;
}

export interface BotServer {
  /** `http://host:port` */
  url: string;
  webhookUrl: string;
  /** The work queue; `await queue.onIdle()` waits for accepted deliveries to be processed. */
  queue: DeliveryQueue;
  /** Stops listening, then waits for queued work. */
  close(): Promise<void>;
}

/**
 * The bot on `node:http`: the fast-acking webhook handler (verify, de-duplicate, queue, 202)
 * on the webhook path, then Probot's `createNodeMiddleware`, which loads the app and serves
 * any routes app functions add (`addHandler`); other requests get 404.
 *
 * @example
 * const server = await startBotServer({ probot: createProbot({ env }), app: createFigurlApp(options), port: 3000 });
 */
export async function startBotServer(options: StartBotServerOptions): Promise<BotServer> {
  const { probot } = options;
  const webhookPath = options.webhookPath ?? '/api/github/webhooks';
  const queue = createDeliveryQueue({
    ...options.queue,
    onError: (error, key) => {
      probot.log.error({ err: error, key }, 'webhook processing failed');
      options.queue?.onError?.(error, key);
    },
  });
  const webhook = createWebhookHandler({
    probot,
    path: webhookPath,
    queue,
    seen: createLruSet(options.rememberDeliveries ?? 10_000),
  });
  const middleware = await createNodeMiddleware(options.app, { probot, webhooksPath: webhookPath });
  const server = createServer((request, response) => {
    webhook(request, response)
      .then((handled) => {
        if (handled) return;
        return middleware(request, response, () => {
          if (!response.headersSent) response.writeHead(404, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ message: 'not found' }));
        });
      })
      .catch((error: unknown) => {
        probot.log.error({ err: error }, 'request failed');
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: 'internal error' }));
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port, address } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url,
    webhookUrl: `${url}${webhookPath}`,
    queue,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await queue.onIdle();
    },
  };
}
