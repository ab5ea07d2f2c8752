import { createHash } from 'node:crypto';
import { createZoneClient, type ZoneFetch } from '@figurl/sdk';
import { describe, expect, it } from 'vitest';
import { rejection } from '../../support/rejection.js';
import { createFakeZone, error } from './zone-client-fake-zone.js';

const encode = (text: string) => new TextEncoder().encode(text);
const sha1Of = (data: Uint8Array) => createHash('sha1').update(data).digest('hex');
const sha256Of = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const testContent = encode('test-content\n');
const testHash = 'b971c6ef19b1d70ae8f0feb989b106c319b36230';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('createZoneClient', () => {
  it('uploads new bytes (initiate → PUT → finalize), then finds them as existing', async () => {
    const zone = createFakeZone();
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    const request = { sha1: testHash, size: 13, sha256: sha256Of(testContent) };

    const answer = await client.initiateUpload(request);
    expect(answer.status).toBe('upload');
    if (answer.status !== 'upload') return;
    const progress: number[] = [];
    async function* chunks() {
      yield testContent.subarray(0, 5);
      yield testContent.subarray(5);
    }
    await client.uploadBytes(answer.uploadUrl, chunks(), 13, { onProgress: (n) => progress.push(n) });
    expect(progress).toEqual([5, 13]);
    const put = zone.requests.find((r) => r.method === 'PUT');
    expect(put?.headers.get('content-length')).toBe('13');
    const finalized = await client.finalizeUpload(answer.uploadId);
    expect(finalized).toMatchObject({ created: true, blob: { sha1: testHash, size: 13 } });

    const again = await client.initiateUpload(request);
    expect(again).toMatchObject({ status: 'exists', blob: { sha1: testHash, sha256: request.sha256, size: 13 } });
    expect(await client.findBlob(testHash)).toEqual(finalized.blob);
  });

  it('accepts a Uint8Array, a ReadableStream or an iterable as the upload body', async () => {
    const zone = createFakeZone();
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    const bodies = [
      encode('one'),
      new Response(encode('two')).body as ReadableStream<Uint8Array>,
      [encode('thr'), encode('ee')],
    ];
    for (const [i, body] of bodies.entries()) {
      const text = ['one', 'two', 'three'][i] as string;
      const data = encode(text);
      const answer = await client.initiateUpload({ sha1: sha1Of(data), size: data.byteLength });
      if (answer.status !== 'upload') throw new Error('expected an upload');
      await client.uploadBytes(answer.uploadUrl, body, data.byteLength);
      await client.finalizeUpload(answer.uploadId);
      expect(zone.info.has(sha1Of(data))).toBe(true);
    }
  });

  it('refuses a body that is shorter or longer than the declared size', async () => {
    const zone = createFakeZone();
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    const answer = await client.initiateUpload({ sha1: testHash, size: 13 });
    if (answer.status !== 'upload') throw new Error('expected an upload');

    const short = await rejection(client.uploadBytes(answer.uploadUrl, [testContent.subarray(0, 10)], 13));
    expect(short.code).toBe('INVALID_REQUEST');
    expect(short.message).toMatch(/ended after 10 bytes: expected exactly 13/);
    const long = await rejection(client.uploadBytes(answer.uploadUrl, [testContent, encode('x')], 13));
    expect(long.message).toMatch(/grew to at least 14 bytes: expected exactly 13/);
    const buffer = await rejection(client.uploadBytes(answer.uploadUrl, encode('abc'), 13));
    expect(buffer.message).toBe('upload body has 3 bytes: expected exactly 13');
  });

  it('turns a 422 from finalize into HASH_MISMATCH naming the call and the URL', async () => {
    const zone = createFakeZone();
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    const answer = await client.initiateUpload({ sha1: testHash, size: 13 });
    if (answer.status !== 'upload') throw new Error('expected an upload');
    await client.uploadBytes(answer.uploadUrl, encode('other-content'), 13);

    const err = await rejection(client.finalizeUpload(answer.uploadId));
    expect(err.code).toBe('HASH_MISMATCH');
    expect(err.message).toBe(
      `finalize upload failed: POST http://zone.test:4100/api/v1/uploads/${answer.uploadId}/finalize answered HTTP 422: ` +
        `expected sha1 "${testHash}", got "${sha1Of(encode('other-content'))}"`,
    );
  });

  it('returns null from findBlob on 404 and throws other errors with the zone code', async () => {
    const zone = createFakeZone();
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    expect(await client.findBlob(testHash)).toBeNull();

    const denied = createZoneClient({ baseUrl: zone.baseUrl, fetch: async () => error(403, 'FORBIDDEN', 'not yours') });
    const err = await rejection(denied.findBlob(testHash));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toBe(
      `get blob failed: GET http://zone.test:4100/api/v1/blobs/${testHash} answered HTTP 403: not yours`,
    );
  });

  it('maps a body that is not the figurl error shape by status, quoting its start', async () => {
    const fetch: ZoneFetch = async () =>
      new Response('<?xml version="1.0"?>\n<Error><Code>AccessDenied</Code></Error>', { status: 403 });
    const client = createZoneClient({ baseUrl: 'http://zone.test:4100', fetch });
    const err = await rejection(client.uploadBytes('https://bucket.test/x?X-Amz-Signature=secret', encode('a'), 1));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toBe(
      'upload failed: PUT https://bucket.test/x?… answered HTTP 403: <?xml version="1.0"?> <Error><Code>AccessDenied</Code></Error>',
    );
  });

  it('sends the token to the zone origin only: not to a bucket upload URL, not after a redirect', async () => {
    const zone = createFakeZone({
      token: 'tok-123',
      uploadOrigin: 'https://bucket.test',
      bucketOrigin: 'https://bucket.test',
    });
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch, token: 'tok-123' });
    const answer = await client.initiateUpload({ sha1: testHash, size: 13 });
    if (answer.status !== 'upload') throw new Error('expected an upload');
    await client.uploadBytes(answer.uploadUrl, testContent, 13);
    await client.finalizeUpload(answer.uploadId);
    const download = await client.downloadBlob(testHash);
    expect(await readAll(download.body)).toBe('test-content\n');

    const seen = zone.requests.map((r) => [r.method, new URL(r.url).origin, r.authorization]);
    expect(seen).toEqual([
      ['POST', 'http://zone.test:4100', 'Bearer tok-123'],
      ['PUT', 'https://bucket.test', null],
      ['POST', 'http://zone.test:4100', 'Bearer tok-123'],
      ['GET', 'http://zone.test:4100', 'Bearer tok-123'],
      ['GET', 'https://bucket.test', null],
    ]);
  });

  it('never puts the token or an upload URL query into an error message', async () => {
    const zone = createFakeZone({ token: 'right' });
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch, token: 'wrong-secret' });
    const err = await rejection(client.initiateUpload({ sha1: testHash, size: 13 }));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).not.toContain('wrong-secret');

    const failing: ZoneFetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND zone.test') });
    };
    const offline = createZoneClient({ baseUrl: 'http://zone.test:4100', fetch: failing, token: 'wrong-secret' });
    const err2 = await rejection(offline.uploadBytes('http://zone.test:4100/u/1?token=upload-secret', encode('a'), 1));
    expect(err2.message).toBe('cannot reach the zone at http://zone.test:4100/u/1?…: getaddrinfo ENOTFOUND zone.test');
    expect(err2.message).not.toMatch(/secret/);
  });

  it('reports an unreachable zone as UNAVAILABLE with the URL and the reason', async () => {
    const fetch: ZoneFetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4100') });
    };
    const client = createZoneClient({ baseUrl: 'http://127.0.0.1:4100', fetch });
    const err = await rejection(client.findBlob(testHash));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toBe(
      `cannot reach the zone at http://127.0.0.1:4100/api/v1/blobs/${testHash}: connect ECONNREFUSED 127.0.0.1:4100`,
    );
  });

  it('rejects malformed responses with INTERNAL, naming the call, the URL and the bad field', async () => {
    const answers = [
      [new Response('{"status":"maybe"}', { status: 200 }), /status "maybe": expected one of the documented forms/],
      [new Response('<html>proxy login</html>', { status: 200 }), /expected JSON, got "<html>proxy login<\/html>"/],
      [
        new Response(JSON.stringify({ status: 'upload', uploadId: 'not-a-uuid', uploadUrl: 'x', expiresAt: 'soon' }), {
          status: 201,
        }),
        /uploadId "not-a-uuid"/,
      ],
    ] as const;
    for (const [response, pattern] of answers) {
      const client = createZoneClient({ baseUrl: 'http://zone.test:4100', fetch: async () => response });
      const err = await rejection(client.initiateUpload({ sha1: testHash, size: 13 }));
      expect(err.code).toBe('INTERNAL');
      expect(err.message).toMatch(
        /^invalid response to initiate upload from POST http:\/\/zone\.test:4100\/api\/v1\/uploads \(HTTP 20[01]\): /,
      );
      expect(err.message).toMatch(pattern);
    }
    const blobless = createZoneClient({
      baseUrl: 'http://zone.test:4100',
      fetch: async () => new Response(JSON.stringify({ sha1: testHash, size: -1 })),
    });
    expect((await rejection(blobless.findBlob(testHash))).message).toMatch(/size -1/);
  });

  it('downloads a byte range and reports where it sits in the blob', async () => {
    const zone = createFakeZone();
    zone.put(testContent);
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    const full = await client.downloadBlob(testHash);
    expect(full.size).toBe(13);
    expect(full.range).toBeNull();
    expect(await readAll(full.body)).toBe('test-content\n');

    const part = await client.downloadBlob(testHash, { range: { start: 5, end: 11 } });
    expect(part.size).toBe(7);
    expect(part.range).toEqual({ start: 5, end: 11, total: 13 });
    expect(await readAll(part.body)).toBe('content');
    expect(zone.requests.at(-1)?.headers.get('range')).toBe('bytes=5-11');

    await expect(client.downloadBlob(testHash, { range: { start: 4, end: 2 } })).rejects.toThrow(
      /invalid byte range \{"start":4,"end":2\}: expected integers/,
    );
    const missing = await rejection(client.downloadBlob('0'.repeat(40)));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('checks arguments before sending anything', async () => {
    const zone = createFakeZone();
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    await expect(client.findBlob('ABC')).rejects.toThrow(
      'invalid sha1 hash "ABC": expected 40 lowercase hex characters',
    );
    await expect(client.initiateUpload({ sha1: testHash, size: -1 })).rejects.toThrow(/size -1/);
    await expect(client.uploadBytes('ftp://x', encode('a'), 1)).rejects.toThrow(
      'invalid upload URL "ftp://x": expected an http:// or https:// URL',
    );
    expect(zone.requests).toEqual([]);
    expect(() => createZoneClient({ baseUrl: 'zone.test', fetch: zone.fetch })).toThrow(
      'invalid zone URL "zone.test": expected an http:// or https:// URL',
    );
  });

  it('keeps a path prefix in the base URL and refuses to follow redirects of a POST', async () => {
    const seen: string[] = [];
    const fetch: ZoneFetch = async (url) => {
      seen.push(url);
      return new Response(null, { status: 308, headers: { location: 'https://elsewhere.test/api/v1/uploads' } });
    };
    const client = createZoneClient({ baseUrl: 'https://host.test/zone', fetch });
    expect(client.baseUrl).toBe('https://host.test/zone/');
    const err = await rejection(client.initiateUpload({ sha1: testHash, size: 13 }));
    expect(seen).toEqual(['https://host.test/zone/api/v1/uploads']);
    expect(err.message).toBe(
      'initiate upload failed: POST https://host.test/zone/api/v1/uploads answered HTTP 308 ' +
        '(https://elsewhere.test/api/v1/uploads); expected no redirect',
    );
  });

  it('gives up on a redirect loop', async () => {
    const fetch: ZoneFetch = async (url) => new Response(null, { status: 302, headers: { location: url } });
    const client = createZoneClient({ baseUrl: 'http://zone.test', fetch });
    const err = await rejection(client.downloadBlob(testHash));
    expect(err.message).toMatch(/answered HTTP 302 .*expected an answer within 5 redirects/);
  });
});
