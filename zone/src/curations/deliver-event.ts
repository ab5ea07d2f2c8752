import { createHmac } from 'node:crypto';
import { FigurlError } from '@figurl/sdk';

export interface OutboxDelivery {
  id: number;
  topic: string;
  key: string;
  payload: unknown;
}

/**
 * Posts one outbox event to a webhook (the GitHub app): JSON `{id, topic, key, payload}`, with
 * `X-Figurl-Event-Id` (consumers drop ids they have handled: delivery is at least once) and,
 * when a secret is set, `X-Figurl-Signature: sha256=<HMAC-SHA256 of the body>`. Anything but a
 * 2xx answer throws, and the job queue retries with backoff.
 *
 * @example
 * await deliverEvent({ url: 'https://bot.example/events', secret, fetch }, event);
 */
export async function deliverEvent(
  target: { url: string; secret?: string | undefined; fetch: typeof fetch; timeoutMs?: number },
  event: OutboxDelivery,
): Promise<void> {
  const body = JSON.stringify({ id: event.id, topic: event.topic, key: event.key, payload: event.payload });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-figurl-event-id': String(event.id),
    'x-figurl-event-topic': event.topic,
  };
  if (target.secret)
    headers['x-figurl-signature'] = `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`;
  let response: Response;
  try {
    response = await target.fetch(target.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new FigurlError(
      'UNAVAILABLE',
      `event ${event.id} not delivered to ${target.url}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  await response.body?.cancel().catch(() => {});
  if (!response.ok) {
    throw new FigurlError(
      'UNAVAILABLE',
      `event ${event.id} not delivered to ${target.url}: HTTP ${response.status}; expected a 2xx answer`,
    );
  }
}
