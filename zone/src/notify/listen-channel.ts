import pg from 'pg';

export interface ChannelListener {
  /** Stops listening for good and closes the connection. */
  close(): Promise<void>;
}

export interface ListenChannelOptions {
  /** Where to listen; without it nothing is opened (a single process hears only itself). */
  databaseUrl: string | undefined;
  channel: string;
  onNotification(payload: string): void;
  /**
   * The LISTEN took effect, first or after a reconnect: anything NOTIFYed while nobody listened
   * is lost, so callers re-read what they wait for.
   */
  onListening(): void;
  /** The connection was lost (a reconnect is scheduled). */
  onLost?(): void;
  log?: { warn(obj: object, msg: string): void } | undefined;
  /** First delay before reconnecting, doubling up to `maxRetryMs` (defaults 250 ms, 5 s). */
  retryMs?: number | undefined;
  maxRetryMs?: number | undefined;
}

/**
 * One PostgreSQL connection that `LISTEN`s on `channel` for as long as the zone runs: errors
 * never escape it, a lost connection is reopened with backoff, and every (re)start is reported
 * so the caller can catch up on what it may have missed. Feeds and edge resources fan their
 * events out across replicas with it.
 *
 * @example
 * const listener = listenChannel({ databaseUrl, channel: 'figurl_feed', onNotification, onListening: wakeAll });
 */
export function listenChannel(options: ListenChannelOptions): ChannelListener {
  const initialRetryMs = options.retryMs ?? 250;
  let retryMs = initialRetryMs;
  let closed = false;
  let current: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (options.databaseUrl === undefined || closed) return;
    const client = new pg.Client({ connectionString: options.databaseUrl, connectionTimeoutMillis: 5000 });
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      if (current === client) current = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (closed) return;
      options.log?.warn({ err, retryInMs: retryMs }, `${options.channel} notifications: connection lost, reconnecting`);
      retryTimer = setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, options.maxRetryMs ?? 5000);
      options.onLost?.();
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('connection ended')));
    client.on('notification', (message) => options.onNotification(message.payload ?? ''));
    try {
      await client.connect();
      await client.query(`LISTEN ${options.channel}`);
      if (closed) {
        await client.end();
        return;
      }
      current = client;
      retryMs = initialRetryMs;
      options.onListening();
    } catch (err) {
      fail(err);
    }
  };
  void connect();

  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const client = current;
      current = undefined;
      await client?.end().catch(() => {});
    },
  };
}
