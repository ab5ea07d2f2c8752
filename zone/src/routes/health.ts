import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  version: string;
  /** Resolves when the database answers; rejects otherwise. */
  checkDatabase: () => Promise<void>;
}

/** `/healthz`: the process serves. `/readyz`: it can do useful work (the database answers). */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' as const, version: options.version }));

  app.get('/readyz', async (request, reply) => {
    const database = await options.checkDatabase().then(
      () => 'ok' as const,
      (err: unknown) => {
        request.log.warn({ err }, 'readiness: database check failed');
        return 'failing' as const;
      },
    );
    const ready = database === 'ok';
    if (!ready) reply.header('retry-after', '5');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: { database } });
  });
}
