import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerErrorHandler } from './plugins/error-handler.js';
import { healthRoutes } from './routes/health.js';

export interface BuildAppOptions {
  version: string;
  checkDatabase: () => Promise<void>;
  logger?: FastifyServerOptions['logger'];
}

/**
 * The zone as a Fastify instance, not listening: tests drive it with `app.inject()`,
 * `server.ts` puts it on a socket.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Bodies are small JSON here; blob bytes stream through dedicated routes (issue: storage).
    bodyLimit: 1 << 20,
    return503OnClosing: true,
  });
  registerErrorHandler(app);
  await app.register(healthRoutes, { version: options.version, checkDatabase: options.checkDatabase });
  return app;
}
