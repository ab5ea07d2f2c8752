import { randomBytes } from 'node:crypto';
import { uniqueId } from '@figurl/prisma';
import {
  canonicalJson,
  createFeedClient,
  createKeyPair,
  createZoneClient,
  type FeedClient,
  signFeedMessage,
  verifyFeedChain,
} from '@figurl/sdk';
import { hashToken } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getDatabaseUrl } from '../../support/database.js';
import { rejection } from '../../support/rejection.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

// Two replicas of one zone on the shared database, each listening on loopback: appends on one
// must reach readers of the other through LISTEN/NOTIFY.
let a: TestZone;
let b: TestZone;
let urlA: string;
let urlB: string;

beforeAll(async () => {
  a = await createTestZoneApp({ databaseUrl: getDatabaseUrl() });
  b = await createTestZoneApp({ databaseUrl: getDatabaseUrl() });
  // Both replicas serve the same zone.
  b.zoneName = a.zoneName;
  urlA = await a.app.listen({ host: '127.0.0.1', port: 0 });
  urlB = await b.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const feedsAt = (url: string, token?: string): FeedClient =>
  createFeedClient(createZoneClient({ baseUrl: url, fetch, zone: a.zoneName, ...(token ? { token } : {}) }).connection);

/** The body as text chunks, decoded across chunk boundaries. */
function textReader(response: Response): { read(): Promise<{ value: string; done: boolean }> } {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  return {
    async read() {
      const { value, done } = await reader.read();
      return { value: done ? decoder.decode() : decoder.decode(value, { stream: true }), done };
    },
  };
}

async function tokenFor(userId: string): Promise<string> {
  const token = `figurl_${randomBytes(16).toString('hex')}`;
  await a.context.identities.createToken({
    userId,
    tokenHash: hashToken(token),
    label: 't',
    scopes: ['upload', 'download'],
  });
  return token;
}

describe('feeds: append, read, chain', () => {
  test('numbers messages from 0, chains them, and returns values exactly as sent', async () => {
    const feeds = feedsAt(urlA);
    const feed = await feeds.create({ label: 'results' });
    expect(feed).toMatchObject({ owner: 'anonymous', messageCount: 0, headHash: null, kind: 'feed', label: 'results' });
    expect(feed.feedId).toMatch(/^[a-z]{12}$/);

    const first = await feeds.append(feed.feedId, [{ message: { step: 1 } }, { message: 'two' }]);
    expect(first.appended.map((m) => m.seq)).toEqual([0, 1]);
    expect(first.appended.every((m) => !m.duplicate)).toBe(true);
    // Numbers as written: a float with a fraction and an integer beyond 2^53 survive the trip.
    const page = await feeds.read(feed.feedId);
    const sent = `{"big":12345678901234567891,"f":1.0,"é":"🧪"}`;
    const { parseJsonPreservingNumbers } = await import('@figurl/sdk');
    await feeds.append(feed.feedId, [{ message: parseJsonPreservingNumbers(sent) }], { previousHash: page.headHash });

    const all = await feedsAt(urlB).read(feed.feedId);
    expect(all.messages.map((m) => m.seq)).toEqual([0, 1, 2]);
    expect(all.messageCount).toBe(3);
    expect(canonicalJson(all.messages[2]?.message as never)).toBe(
      `{"big":12345678901234567891,"f":1.0,"\\u00e9":"\\ud83e\\uddea"}`,
    );
    expect(all.messages[0]).toMatchObject({ author: 'anonymous', previousHash: null, clientId: null, signature: null });
    expect(verifyFeedChain(all.messages, { feedId: feed.feedId, previousHash: null })).toBe(all.headHash);

    // Paging: from and limit; the head is reported with every page.
    const tail = await feeds.read(feed.feedId, { from: 1, limit: 1 });
    expect(tail.messages.map((m) => m.seq)).toEqual([1]);
    expect(tail.headHash).toBe(all.headHash);
    expect(
      verifyFeedChain(tail.messages, { feedId: feed.feedId, previousHash: all.messages[0]?.hash ?? null, from: 1 }),
    ).toBe(all.messages[1]?.hash);

    // A tampered message no longer verifies.
    const tampered = all.messages.map((m) => (m.seq === 1 ? { ...m, message: 'TWO' } : m));
    expect(() => verifyFeedChain(tampered, { feedId: feed.feedId, previousHash: null })).toThrow(
      /message 1 breaks the chain/,
    );
  });

  test('a stale previousHash is CONFLICT and appends nothing; a batch is all or nothing', async () => {
    const feeds = feedsAt(urlA);
    const { feedId } = await feeds.create();
    await feeds.append(feedId, [{ message: 1 }], { previousHash: null });
    const stale = await rejection(feeds.append(feedId, [{ message: 2 }], { previousHash: null }));
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(/has moved on: previousHash null is not its head "[0-9a-f]{40}" \(1 messages\)/);

    const big = 'x'.repeat(70_000);
    const tooLarge = await rejection(feeds.append(feedId, [{ message: 3 }, { message: big }]));
    expect(tooLarge.code).toBe('PAYLOAD_TOO_LARGE');
    expect(tooLarge.message).toMatch(/message 1 is 70002 characters of canonical JSON: expected at most 65536/);
    const after = await feeds.read(feedId);
    expect(after.messages.map((m) => m.message)).toEqual([1]);
  });

  test('signed messages: the client owner is the author, a resend returns the original, forgeries are refused', async () => {
    const owner = uniqueId('alice').slice(0, 30);
    const keys = createKeyPair();
    await a.context.identities.addClient({
      zoneName: a.zoneName,
      clientId: keys.publicKey,
      ownerId: owner,
      label: 'lab',
    });
    const feeds = feedsAt(urlA);
    const { feedId } = await feeds.create({ writers: [owner] });
    const signed = signFeedMessage(keys, feedId, { unit: 3, label: 'accept' }, Date.now());
    const first = await feeds.append(feedId, [signed]);
    expect(first.appended).toEqual([{ seq: 0, hash: expect.any(String), duplicate: false }]);
    const again = await feeds.append(feedId, [signed]);
    expect(again.appended).toEqual([{ seq: 0, hash: first.appended[0]?.hash, duplicate: true }]);
    expect(again.messageCount).toBe(1);

    const page = await feeds.read(feedId);
    expect(page.messages[0]).toMatchObject({ author: owner, clientId: keys.publicKey, signature: signed.signature });
    expect(verifyFeedChain(page.messages, { feedId, previousHash: null })).toBe(page.headHash);

    const forged = { ...signed, message: { unit: 3, label: 'reject' } };
    expect((await rejection(feeds.append(feedId, [forged]))).message).toMatch(/message 0 has an invalid signature/);
    const stranger = createKeyPair();
    const unregistered = signFeedMessage(stranger, feedId, 'hi', Date.now());
    expect((await rejection(feeds.append(feedId, [unregistered]))).message).toMatch(/not registered in zone/);
    // Signed ten minutes ago: refused as new, accepted as a resend.
    const old = signFeedMessage(keys, feedId, 'late', Date.now() - 600_000);
    const late = await rejection(feeds.append(feedId, [old]));
    expect(late.code).toBe('UNAUTHORIZED');
    expect(late.message).toMatch(/signed -600 s from the zone's clock: expected within ±120 s/);
    expect((await feeds.read(feedId)).messageCount).toBe(1);
  });

  test('readers and writers: private feeds, listed writers, owner-only delete', async () => {
    const alice = uniqueId('alice').slice(0, 30);
    const bob = uniqueId('bob').slice(0, 30);
    const [aliceToken, bobToken] = [await tokenFor(alice), await tokenFor(bob)];
    const asAlice = feedsAt(urlA, aliceToken);
    const asBob = feedsAt(urlA, bobToken);
    const anonymous = feedsAt(urlA);

    const { feedId } = await asAlice.create({ publicRead: false, readers: [bob] });
    await asAlice.append(feedId, [{ message: 'mine' }]);
    expect((await asBob.read(feedId)).messages).toHaveLength(1);
    expect((await rejection(anonymous.read(feedId))).code).toBe('UNAUTHORIZED');
    const denied = await rejection(asBob.append(feedId, [{ message: 'bob?' }]));
    expect(denied.code).toBe('FORBIDDEN');
    expect(denied.message).toMatch(new RegExp(`user "${bob}" may not change feed ${feedId}`));
    expect((await rejection(anonymous.append(feedId, [{ message: 'anon?' }]))).code).toBe('UNAUTHORIZED');

    const open = await asAlice.create({ writers: ['*'] });
    await anonymous.append(open.feedId, [{ message: 'anyone who may upload' }]);
    await asBob.append(open.feedId, [{ message: 'bob too' }]);
    expect((await anonymous.read(open.feedId)).messages.map((m) => m.author)).toEqual(['anonymous', bob]);

    expect((await rejection(asBob.remove(feedId))).code).toBe('FORBIDDEN');
    await asAlice.remove(feedId);
    expect((await rejection(asAlice.read(feedId))).code).toBe('NOT_FOUND');
  });

  test('bad input: unknown fields, malformed ids, half-signed messages get a clear 4xx', async () => {
    const { feedId } = await feedsAt(urlA).create();
    const post = (payload: string) =>
      a.app.inject({
        method: 'POST',
        url: `/api/v1/feeds/${feedId}/messages?zone=${a.zoneName}`,
        headers: { 'content-type': 'application/json' },
        payload,
      });
    const cases: Array<[string, RegExp]> = [
      ['{"messages":[]}', /messages: .*at least 1|too small/i],
      ['{"messages":[{"message":1}],"extra":1}', /unrecognized key|unexpected field/i],
      ['{"messages":[{"message":1,"signature":"00"}]}', /signature|together/],
      ['{"messages":[{}]}', /message/],
      ['{"messages":', /invalid JSON/],
    ];
    for (const [payload, message] of cases) {
      const res = await post(payload);
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().message, payload).toMatch(message);
    }
    const badId = await a.app.inject({ method: 'GET', url: `/api/v1/feeds/NOTAFEED/messages?zone=${a.zoneName}` });
    expect(badId.statusCode).toBe(400);
    expect((await feedsAt(urlA).read(feedId)).messageCount).toBe(0);
  });
});

describe('feeds: live delivery across replicas', () => {
  test('a long-poll on replica B returns as soon as replica A appends', async () => {
    const { feedId } = await feedsAt(urlA).create();
    const started = Date.now();
    const waiting = feedsAt(urlB).read(feedId, { wait: 20 });
    await new Promise((r) => setTimeout(r, 200));
    await feedsAt(urlA).append(feedId, [{ message: 'hello' }]);
    const page = await waiting;
    const elapsed = Date.now() - started;
    expect(page.messages.map((m) => m.message)).toEqual(['hello']);
    expect(elapsed).toBeLessThan(10_000);
    // Nothing new: the wait ends after its time with an empty page.
    const empty = await feedsAt(urlB).read(feedId, { from: 1, wait: 0.3 });
    expect(empty.messages).toEqual([]);
    expect(empty.messageCount).toBe(1);
  });

  test('Server-Sent Events on replica A deliver replica B’s appends in order, and resume after Last-Event-ID', async () => {
    const { feedId } = await feedsAt(urlA).create();
    await feedsAt(urlB).append(feedId, [{ message: 0 }]);
    const controller = new AbortController();
    const response = await fetch(`${urlA}/api/v1/feeds/${feedId}/events?zone=${a.zoneName}`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = textReader(response);
    const events: Array<{ id: string; seq: number; message: unknown }> = [];
    let buffer = '';
    const appending = (async () => {
      for (let i = 1; i < 5; i++) await feedsAt(urlB).append(feedId, [{ message: i }]);
    })();
    while (events.length < 5) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id !== undefined && data !== undefined) {
          const parsed = JSON.parse(data);
          events.push({ id, seq: parsed.seq, message: parsed.message });
        }
        end = buffer.indexOf('\n\n');
      }
    }
    await appending;
    controller.abort();
    expect(events.map((e) => e.message)).toEqual([0, 1, 2, 3, 4]);
    expect(events.map((e) => e.id)).toEqual(['0', '1', '2', '3', '4']);

    const resumed = new AbortController();
    const again = await fetch(`${urlB}/api/v1/feeds/${feedId}/events?zone=${a.zoneName}`, {
      headers: { 'last-event-id': '3' },
      signal: resumed.signal,
    });
    const resumedReader = textReader(again);
    let text = '';
    while (!text.includes('id: 4\n')) {
      const { value, done } = await resumedReader.read();
      if (done) break;
      text += value;
    }
    resumed.abort();
    expect(text).toMatch(/^retry: 2000\n\n/);
    expect(text).toContain('id: 4\nevent: message\n');
    expect(text).not.toContain('id: 3\n');
  });
});
