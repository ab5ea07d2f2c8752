import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCurationClient, createZoneClient, FigurlError } from '@figurl/sdk';
import { deliverEvent, parseZoneConfig, startZone } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDatabaseUrl } from '../../support/database.js';

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

describe('a zone with FIGURL_EVENTS_WEBHOOK_URL', () => {
  test('posts each committed curation change to the webhook', { timeout: 60_000 }, async () => {
    status = 200;
    const dataDir = mkdtempSync(join(tmpdir(), 'figurl-events-'));
    const zone = await startZone(
      parseZoneConfig({
        DATABASE_URL: getDatabaseUrl(),
        FIGURL_DATA_DIR: dataDir,
        FIGURL_PORT: '0',
        FIGURL_OPEN: '1',
        FIGURL_LOG_LEVEL: 'silent',
        FIGURL_EVENTS_WEBHOOK_URL: url,
        FIGURL_EVENTS_SECRET: 'webhook-secret',
      }),
      () => {},
    );
    try {
      const curations = createCurationClient(createZoneClient({ baseUrl: zone.url, fetch }).connection);
      const { curationId } = await curations.create({ editors: ['*'] });
      await curations.act(curationId, [{ type: 'ADD_UNIT_LABEL', unitId: 1, label: 'accept' }]);
      const mine = () => received.filter((r) => r.body.includes(curationId));
      const deadline = Date.now() + 30_000;
      while (mine().length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const [delivered] = mine();
      expect(JSON.parse(delivered?.body ?? '{}')).toMatchObject({
        topic: 'curation.changed',
        key: curationId,
        payload: { curationId, version: 1, zone: 'default', authors: ['anonymous'] },
      });
      expect(delivered?.headers['x-figurl-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    } finally {
      await zone.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
