import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FigurlError } from '@figurl/sdk';
import { deliverEvent } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// A stand-in webhook consumer on loopback that records what it receives and answers with the
// status the test sets.
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
let status = 200;
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    received.push({ headers: request.headers, body });
    response.writeHead(status).end();
  });
});
let url: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const event = { id: 42, topic: 'curation.changed', key: 'abcdefghijkl', payload: { version: 3 } };

describe('outbox webhook delivery', () => {
  test('posts the event with its id and an HMAC of the body', async () => {
    status = 204;
    await deliverEvent({ url, secret: 's3cret', fetch }, event);
    const last = received.at(-1);
    expect(JSON.parse(last?.body ?? '')).toEqual(event);
    expect(last?.headers['x-figurl-event-id']).toBe('42');
    expect(last?.headers['x-figurl-event-topic']).toBe('curation.changed');
    const expected = createHmac('sha256', 's3cret')
      .update(last?.body ?? '')
      .digest('hex');
    expect(last?.headers['x-figurl-signature']).toBe(`sha256=${expected}`);
  });

  test('a non-2xx answer or an unreachable consumer throws, so the job is retried', async () => {
    status = 500;
    const failed = await deliverEvent({ url, fetch }, event).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(FigurlError);
    expect((failed as FigurlError).message).toBe(`event 42 not delivered to ${url}: HTTP 500; expected a 2xx answer`);
    expect(received.at(-1)?.headers['x-figurl-signature']).toBeUndefined();
    const unreachable = await deliverEvent({ url: 'http://127.0.0.1:9/events', fetch }, event).catch((e: unknown) => e);
    expect((unreachable as FigurlError).code).toBe('UNAVAILABLE');
  });
});
