import { createHash, randomBytes } from 'node:crypto';
import { createKeyPair, type KeyPair, sha1ObjectKey, signEnvelope } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket } from '../../../zone/src/bucket/index.js';
import { createS3Bucket } from '../../../zone/src/bucket/index.js';
import { type S3TestServer, startS3Server } from '../../support/s3-server.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * The zone on an S3 bucket (s3rver on 127.0.0.1): uploads go straight to the bucket through a
 * presigned PUT on a staging key, finalize verifies a zone-private copy and publishes it under
 * the content key, downloads redirect to a presigned GET. Run against the shim that enforces
 * S3's documented behaviour (signatures, If-None-Match, atomic PUTs) and against s3rver as it is,
 * which checks nothing: the zone must keep its promises on both.
 */
const timeout = () => AbortSignal.timeout(10_000);
const digests = (bytes: Buffer) => ({
  sha1: createHash('sha1').update(bytes).digest('hex'),
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

describe.each([
  { enforce: true, label: 'S3-enforcing shim' },
  { enforce: false, label: 'plain s3rver (checks nothing)' },
])('zone on an S3 bucket: $label', ({ enforce }) => {
  let s3: S3TestServer;
  let bucket: Bucket;
  let zone: TestZone;
  const keys: KeyPair = createKeyPair();

  beforeAll(async () => {
    s3 = await startS3Server({ enforce });
    bucket = createS3Bucket({ ...s3, forcePathStyle: true, prefix: 'zone' });
    zone = await createTestZoneApp({ bucket });
  });
  afterAll(async () => {
    await zone.close();
    await bucket.close?.();
    await s3.close();
  });

  const initiate = (sha1: string, size: number) =>
    zone.app.inject({ method: 'POST', url: `/api/v1/uploads?zone=${zone.zoneName}`, payload: { sha1, size } });
  /** Initiates an upload that must get a target (new content). */
  const uploadTarget = async (sha1: string, size: number) =>
    (await initiate(sha1, size)).json() as { uploadId: string; uploadUrl: string };
  const gatewayFinalize = (objectKey: string, hash: string, size: number) =>
    gateway({ type: 'finalizeFileUpload', objectKey, hashAlg: 'sha1', hash, size });
  const finalize = (uploadId: string) =>
    zone.app.inject({ method: 'POST', url: `/api/v1/uploads/${uploadId}/finalize` });
  const putTo = (url: string, body: Buffer) =>
    fetch(url, { method: 'PUT', body: new Uint8Array(body), signal: timeout() });
  async function readObject(key: string): Promise<Buffer | null> {
    const object = await bucket.get(key);
    if (!object) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  async function keysUnder(prefix: string, id: string): Promise<string[]> {
    const found: string[] = [];
    for await (const object of bucket.list(prefix)) if (object.key.includes(id)) found.push(object.key);
    return found;
  }
  async function gateway(payload: Record<string, string | number>) {
    const full = { timestamp: Date.now(), zone: zone.zoneName, ...payload };
    return zone.app.inject({
      method: 'POST',
      url: '/api/gateway',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(signEnvelope(full, keys)),
    });
  }

  it('issues a presigned uploadUrl on the bucket; PUT there, finalize verifies and publishes under the content key', async () => {
    const bytes = randomBytes(50_000);
    const { sha1, sha256 } = digests(bytes);
    const started = await initiate(sha1, bytes.length);
    expect(started.statusCode).toBe(201);
    const { uploadId, uploadUrl } = started.json() as { uploadId: string; uploadUrl: string };
    const url = new URL(uploadUrl);
    expect(url.origin).toBe(s3.endpoint);
    expect(url.pathname).toBe(`/${s3.bucket}/zone/staging/${uploadId}`);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    const put = await putTo(uploadUrl, bytes);
    expect(put.status).toBe(200);
    expect(await bucket.head(sha1ObjectKey(sha1))).toBeNull();

    const done = await finalize(uploadId);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ created: true, blob: { sha1, sha256, size: bytes.length } });
    const stored = await readObject(sha1ObjectKey(sha1));
    expect(stored?.equals(bytes)).toBe(true);
    // Neither the staging object nor the zone's private copy is left behind.
    expect(await keysUnder('staging/', uploadId)).toEqual([]);
    expect(await keysUnder('verifying/', uploadId)).toEqual([]);

    const again = await initiate(sha1, bytes.length);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'exists', blob: { sha1 } });
  });

  it('refuses a corrupted body with 422: nothing under the content key, no blob row, staging removed', async () => {
    const bytes = randomBytes(20_000);
    const { sha1 } = digests(bytes);
    const { uploadId, uploadUrl } = await uploadTarget(sha1, bytes.length);
    const corrupted = Buffer.from(bytes);
    corrupted[12_345] = (corrupted[12_345] ?? 0) ^ 0x01;
    expect((await putTo(uploadUrl, corrupted)).status).toBe(200);
    const done = await finalize(uploadId);
    expect(done.statusCode).toBe(422);
    expect(done.json()).toMatchObject({ code: 'HASH_MISMATCH', message: expect.stringContaining(`expected ${sha1}`) });
    expect(await bucket.head(sha1ObjectKey(sha1))).toBeNull();
    expect(await zone.prisma.blob.findUnique({ where: { sha1 } })).toBeNull();
    expect(await keysUnder('staging/', uploadId)).toEqual([]);
    expect(await keysUnder('verifying/', uploadId)).toEqual([]);
    expect((await finalize(uploadId)).statusCode).toBe(422);
  });

  it(
    enforce
      ? 'a PUT of another length than announced is refused by the bucket (signed Content-Length)'
      : 'a PUT of another length than announced reaches the bucket, and finalize refuses it',
    async () => {
      const bytes = randomBytes(3000);
      const { sha1 } = digests(bytes);
      const { uploadId, uploadUrl } = await uploadTarget(sha1, bytes.length);
      const put = await putTo(uploadUrl, Buffer.concat([bytes, Buffer.from('x')]));
      expect(put.status).toBe(enforce ? 403 : 200);
      const done = await finalize(uploadId);
      expect(done.statusCode).toBe(enforce ? 400 : 422);
      expect(await bucket.head(sha1ObjectKey(sha1))).toBeNull();
    },
  );

  it('GET /sha1/<hash> answers 302 to a presigned GET that returns the bytes; HEAD redirects too', async () => {
    const bytes = randomBytes(10_000);
    const { sha1 } = digests(bytes);
    const { uploadId, uploadUrl } = await uploadTarget(sha1, bytes.length);
    await putTo(uploadUrl, bytes);
    expect((await finalize(uploadId)).statusCode).toBe(200);

    const res = await zone.app.inject({ method: 'GET', url: `/sha1/${sha1}?zone=${zone.zoneName}` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.etag).toBe(`"${sha1}"`);
    const location = String(res.headers.location);
    expect(new URL(location).origin).toBe(s3.endpoint);
    expect(new URL(location).pathname).toBe(`/${s3.bucket}/zone/${sha1ObjectKey(sha1)}`);
    const download = await fetch(location, { signal: timeout() });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    const ranged = await fetch(location, { headers: { range: 'bytes=100-199' }, signal: timeout() });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const head = await zone.app.inject({ method: 'HEAD', url: `/sha1/${sha1}?zone=${zone.zoneName}` });
    expect(head.statusCode).toBe(302);
    const unknown = await zone.app.inject({ method: 'GET', url: `/sha1/${'0'.repeat(40)}?zone=${zone.zoneName}` });
    expect(unknown.statusCode).toBe(404);
  });

  it('runs the kachery-gateway flow: signed initiate → presigned PUT → finalize → findFile → download', async () => {
    const bytes = randomBytes(7000);
    const { sha1: hash } = digests(bytes);
    const initiated = await gateway({ type: 'initiateFileUpload', size: bytes.length, hashAlg: 'sha1', hash });
    expect(initiated.statusCode, initiated.body).toBe(200);
    const { signedUploadUrl, objectKey } = initiated.json() as { signedUploadUrl: string; objectKey: string };
    expect(objectKey).toMatch(/^staging\//);
    expect(new URL(signedUploadUrl).origin).toBe(s3.endpoint);
    expect((await putTo(signedUploadUrl, bytes)).status).toBe(200);
    const finalized = await gatewayFinalize(objectKey, hash, bytes.length);
    expect(finalized.statusCode, finalized.body).toBe(200);
    expect(finalized.json()).toEqual({ type: 'finalizeFileUpload' });

    const found = await gateway({ type: 'findFile', hashAlg: 'sha1', hash });
    expect(found.json()).toMatchObject({ type: 'findFile', found: true, size: bytes.length });
    const url = new URL((found.json() as { url: string }).url);
    const redirect = await zone.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(redirect.statusCode).toBe(302);
    const download = await fetch(String(redirect.headers.location), { signal: timeout() });
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    const again = await gateway({ type: 'initiateFileUpload', size: bytes.length, hashAlg: 'sha1', hash });
    expect(again.json()).toEqual({ type: 'initiateFileUpload', alreadyExists: true });
  });

  it('refuses a gateway finalize whose bytes do not match, keeping nothing', async () => {
    const bytes = randomBytes(4000);
    const { sha1: hash } = digests(bytes);
    const { signedUploadUrl, objectKey } = (
      await gateway({ type: 'initiateFileUpload', size: bytes.length, hashAlg: 'sha1', hash })
    ).json() as { signedUploadUrl: string; objectKey: string };
    expect((await putTo(signedUploadUrl, randomBytes(bytes.length))).status).toBe(200);
    const finalized = await gatewayFinalize(objectKey, hash, bytes.length);
    expect(finalized.statusCode).toBe(422);
    expect(finalized.json().code).toBe('HASH_MISMATCH');
    expect(await bucket.head(sha1ObjectKey(hash))).toBeNull();
    expect((await gateway({ type: 'findFile', hashAlg: 'sha1', hash })).json()).toEqual({
      type: 'findFile',
      found: false,
    });
  });

  it('lets concurrent uploads of the same content all succeed, with one row and the right bytes', async () => {
    const bytes = randomBytes(30_000);
    const { sha1 } = digests(bytes);
    const targets = await Promise.all(
      Array.from(
        { length: 6 },
        async () => (await initiate(sha1, bytes.length)).json() as { uploadId: string; uploadUrl: string },
      ),
    );
    await Promise.all(targets.map((t) => putTo(t.uploadUrl, bytes)));
    const results = await Promise.all(targets.map((t) => finalize(t.uploadId)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    expect(results.filter((r) => r.json().created)).toHaveLength(1);
    expect(await zone.prisma.blob.count({ where: { sha1 } })).toBe(1);
    expect((await readObject(sha1ObjectKey(sha1)))?.equals(bytes)).toBe(true);
  });
});
