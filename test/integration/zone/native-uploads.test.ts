import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha1ObjectKey } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let zone: TestZone;
beforeAll(async () => {
  zone = await createTestZoneApp();
});
afterAll(() => zone.close());

const digests = (bytes: Buffer) => ({
  sha1: createHash('sha1').update(bytes).digest('hex'),
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

async function initiate(body: Record<string, unknown>) {
  return zone.app.inject({ method: 'POST', url: `/api/v1/uploads?zone=${zone.zoneName}`, payload: body });
}

async function put(uploadUrl: string, bytes: Buffer, headers: Record<string, string> = {}) {
  return zone.app.inject({ method: 'PUT', url: new URL(uploadUrl).pathname, payload: bytes, headers });
}

async function finalize(uploadId: string) {
  return zone.app.inject({ method: 'POST', url: `/api/v1/uploads/${uploadId}/finalize`, payload: {} });
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('native uploads: initiate → PUT → finalize', () => {
  it('stores verified bytes under their content key and reports them as existing afterwards', async () => {
    const bytes = randomBytes(100_000);
    const { sha1, sha256 } = digests(bytes);
    const started = await initiate({ sha1, size: bytes.length });
    expect(started.statusCode).toBe(201);
    const target = started.json();
    expect(target).toMatchObject({ status: 'upload', uploadUrl: `http://zone.test/api/v1/uploads/${target.uploadId}` });

    const sent = await put(target.uploadUrl, bytes);
    expect(sent.statusCode).toBe(200);
    expect(existsSync(join(zone.bucketRoot, sha1ObjectKey(sha1)))).toBe(false);

    const done = await finalize(target.uploadId);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ created: true, blob: { sha1, sha256, size: bytes.length } });
    expect(existsSync(join(zone.bucketRoot, sha1ObjectKey(sha1)))).toBe(true);
    expect(await allFiles(join(zone.bucketRoot))).toEqual([join(zone.bucketRoot, sha1ObjectKey(sha1))]);

    const again = await initiate({ sha1, size: bytes.length });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'exists', blob: { sha1, sha256 } });
    expect((await finalize(target.uploadId)).json()).toMatchObject({ created: false, blob: { sha1 } });
  });

  it('refuses bytes that do not hash to the announced sha1: 422, no row, nothing under the content key', async () => {
    const announced = randomBytes(5000);
    const sent = randomBytes(5000);
    const { sha1 } = digests(announced);
    const target = (await initiate({ sha1, size: announced.length })).json();
    expect((await put(target.uploadUrl, sent)).statusCode).toBe(200);
    const done = await finalize(target.uploadId);
    expect(done.statusCode).toBe(422);
    expect(done.json()).toMatchObject({ code: 'HASH_MISMATCH', message: expect.stringContaining(`expected ${sha1}`) });
    expect(await zone.prisma.blob.findUnique({ where: { sha1 } })).toBeNull();
    expect(existsSync(join(zone.bucketRoot, sha1ObjectKey(sha1)))).toBe(false);
    expect(existsSync(join(zone.bucketRoot, 'staging', target.uploadId))).toBe(false);
    expect((await finalize(target.uploadId)).statusCode).toBe(422);
  });

  it('refuses a PUT of the wrong length and keeps the upload usable', async () => {
    const bytes = randomBytes(2048);
    const { sha1 } = digests(bytes);
    const target = (await initiate({ sha1, size: bytes.length })).json();
    const short = await put(target.uploadUrl, bytes.subarray(0, 100));
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('Content-Length 100');
    expect((await put(target.uploadUrl, bytes)).statusCode).toBe(200);
    expect((await finalize(target.uploadId)).json()).toMatchObject({ created: true });
  });

  it('accepts one PUT per upload: a second one is a conflict and cannot replace the bytes', async () => {
    const bytes = randomBytes(4096);
    const { sha1 } = digests(bytes);
    const target = (await initiate({ sha1, size: bytes.length })).json();
    expect((await put(target.uploadUrl, bytes)).statusCode).toBe(200);
    const second = await put(target.uploadUrl, randomBytes(4096));
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CONFLICT');
    expect((await finalize(target.uploadId)).json()).toMatchObject({ created: true, blob: { sha1 } });
  });

  it('lets concurrent uploads of the same content all succeed, with one row', async () => {
    const bytes = randomBytes(30_000);
    const { sha1 } = digests(bytes);
    const targets = await Promise.all(
      Array.from({ length: 8 }, async () => (await initiate({ sha1, size: bytes.length })).json()),
    );
    await Promise.all(targets.map((t) => put(t.uploadUrl, bytes)));
    const results = await Promise.all(targets.map((t) => finalize(t.uploadId)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect(results.filter((r) => r.json().created)).toHaveLength(1);
    expect(await zone.prisma.blob.count({ where: { sha1 } })).toBe(1);
  });

  it('refuses finalize before any bytes arrived, and unknown or malformed upload ids', async () => {
    const { sha1 } = digests(randomBytes(10));
    const target = (await initiate({ sha1, size: 10 })).json();
    const early = await finalize(target.uploadId);
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toContain('has no bytes yet');
    expect((await finalize('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const malformed = await finalize('not-a-uuid');
    expect(malformed.statusCode).toBe(400);
  });

  it('validates initiate bodies with messages naming the field', async () => {
    const bad = await initiate({ sha1: 'xyz', size: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'invalid upload request: sha1 "xyz": expected 40 lowercase hex characters',
    });
    const extra = await initiate({ sha1: 'a'.repeat(40), size: 1, force: true });
    expect(extra.json().message).toContain('unexpected field "force"');
    const huge = await initiate({ sha1: 'a'.repeat(40), size: 6e9 });
    expect(huge.statusCode).toBe(413);
  });
});

describe('downloads', () => {
  let bytes: Buffer;
  let sha1: string;
  beforeAll(async () => {
    bytes = randomBytes(10_000);
    sha1 = digests(bytes).sha1;
    const target = (await initiate({ sha1, size: bytes.length })).json();
    await put(target.uploadUrl, bytes);
    await finalize(target.uploadId);
  });

  it('streams the blob with a strong ETag and immutable caching', async () => {
    const res = await zone.app.inject({ method: 'GET', url: `/sha1/${sha1}?zone=${zone.zoneName}` });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers).toMatchObject({
      etag: `"${sha1}"`,
      'cache-control': 'public, max-age=31536000, immutable',
      'accept-ranges': 'bytes',
      'content-length': String(bytes.length),
    });
  });

  it('serves byte ranges with 206 and answers HEAD without a body', async () => {
    const res = await zone.app.inject({
      method: 'GET',
      url: `/sha1/${sha1}?zone=${zone.zoneName}`,
      headers: { range: 'bytes=100-199' },
    });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(res.rawPayload.equals(bytes.subarray(100, 200))).toBe(true);
    const suffix = await zone.app.inject({
      method: 'GET',
      url: `/sha1/${sha1}?zone=${zone.zoneName}`,
      headers: { range: 'bytes=-10' },
    });
    expect(suffix.rawPayload.equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const outside = await zone.app.inject({
      method: 'GET',
      url: `/sha1/${sha1}?zone=${zone.zoneName}`,
      headers: { range: 'bytes=20000-' },
    });
    expect(outside.statusCode).toBe(416);
    const head = await zone.app.inject({ method: 'HEAD', url: `/sha1/${sha1}?zone=${zone.zoneName}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));
    expect(head.rawPayload.length).toBe(0);
  });

  it('answers 304 to a matching If-None-Match and 404 to unknown hashes, 400 to bad ones', async () => {
    const cached = await zone.app.inject({
      method: 'GET',
      url: `/sha1/${sha1}?zone=${zone.zoneName}`,
      headers: { 'if-none-match': `"${sha1}"` },
    });
    expect(cached.statusCode).toBe(304);
    expect(
      (await zone.app.inject({ method: 'GET', url: `/sha1/${'0'.repeat(40)}?zone=${zone.zoneName}` })).statusCode,
    ).toBe(404);
    const bad = await zone.app.inject({ method: 'GET', url: '/sha1/..%2F..%2Fetc%2Fpasswd' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_REQUEST');
  });

  it('counts downloads and uploads per user and day', async () => {
    const rows = await zone.context.storage.usage.list({
      zoneName: zone.zoneName,
      from: '2000-01-01',
      to: '2100-01-01',
    });
    const anonymous = rows.find((r) => r.userId === 'anonymous');
    expect(anonymous?.uploadCount).toBeGreaterThanOrEqual(1);
    expect(anonymous?.downloadBytes).toBeGreaterThanOrEqual(bytes.length + 100);
  });
});
