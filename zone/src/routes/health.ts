import type { FastifyInstance } from 'fastify';
import { retryAfterSeconds } from '../plugins/retry-after-seconds.js';

export interface HealthOptions {
  version: string;
  /** Resolves when the database answers; rejects otherwise. */
  checkDatabase: () => Promise<void>;
  /** How long the database may take to answer before the zone counts as not ready (default 2 s). */
  checkTimeoutMs?: number;
}

/**
 * `/healthz`: the process serves (200 even while the database is away: restarting the zone
 * would not bring it back). `/readyz`: it can do useful work — the database answers within
 * `checkTimeoutMs`; otherwise 503 with `Retry-After`.
 */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  app.get('/healthz', async () => ({ status: 'ok' as const, version: options.version }));

  app.get('/readyz', async (request, reply) => {
    const database = await withTimeout(options.checkDatabase(), timeoutMs).then(
      () => 'ok' as const,
      (err: unknown) => {
        request.log.warn({ err }, 'readiness: database check failed');
        return 'failing' as const;
      },
    );
    const ready = database === 'ok';
    if (!ready) reply.header('retry-after', String(retryAfterSeconds));
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: { database } });
  });
}

/** A frozen server or network holds a query forever; a probe must answer anyway. */
async function withTimeout(check: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
