import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FigurlError } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket } from '../../../zone/src/bucket/index.js';
import { createFilesystemBucket, createS3Bucket } from '../../../zone/src/bucket/index.js';
import { type S3TestServer, startS3Server } from '../../support/s3-server.js';

const timeout = () => AbortSignal.timeout(10_000);

describe('S3 presigned URLs (s3rver behind the S3-enforcing shim)', () => {
  let s3: S3TestServer;
  let bucket: Bucket;
  beforeAll(async () => {
    s3 = await startS3Server();
    bucket = createS3Bucket({ ...s3, forcePathStyle: true, prefix: 'presigned' });
  });
  afterAll(async () => {
    await bucket.close?.();
    await s3.close();
  });

  const presignPut = (key: string, size: number) => bucket.presignPut?.(key, { size, expiresInSeconds: 60 }) ?? '';
  const presignGet = (key: string) => bucket.presignGet?.(key, { expiresInSeconds: 60 }) ?? '';

  it('round-trips bytes through a presigned PUT and a presigned GET with plain fetch', async () => {
    const key = `staging/${randomUUID()}`;
    const bytes = randomBytes(100_000);
    const put = await fetch(await presignPut(key, bytes.length), { method: 'PUT', body: bytes, signal: timeout() });
    expect(put.status).toBe(200);
    expect(await bucket.head(key)).toMatchObject({ size: bytes.length });
    const get = await fetch(await presignGet(key), { signal: timeout() });
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer())).toEqual(bytes);
  });

  it('signs Content-Length, so a PUT of another length is refused and stores nothing', async () => {
    const key = `staging/${randomUUID()}`;
    const url = await presignPut(key, 1000);
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('content-length');
    for (const length of [999, 1001, 0]) {
      const response = await fetch(url, { method: 'PUT', body: Buffer.alloc(length), signal: timeout() });
      expect(response.status, `${length} bytes`).toBe(403);
      expect(await response.text()).toContain('SignatureDoesNotMatch');
    }
    expect(await bucket.head(key)).toBeNull();
  });

  it('refuses a presigned URL pointed at another key or with a tampered signature', async () => {
    const key = `staging/${randomUUID()}`;
    const url = await presignPut(key, 3);
    const otherKey = url.replace(key, `staging/${randomUUID()}`);
    const tampered = url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
    );
    for (const target of [otherKey, tampered]) {
      const response = await fetch(target, { method: 'PUT', body: Buffer.from('abc'), signal: timeout() });
      expect(response.status).toBe(403);
    }
    expect(await bucket.head(key)).toBeNull();
  });

  it('refuses expiries SigV4 cannot sign and negative sizes', async () => {
    for (const expiresInSeconds of [0, -1, 1.5, 7 * 24 * 3600 + 1]) {
      await expect(bucket.presignGet?.('a/b', { expiresInSeconds })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    }
    await expect(bucket.presignPut?.('a/b', { size: -1, expiresInSeconds: 60 })).rejects.toBeInstanceOf(FigurlError);
  });
});

describe('s3rver without the shim', () => {
  it('does not check presigned signatures: a PUT of another length than signed is stored', async () => {
    // Why the zone must verify uploads itself (rule 1): a lenient backend binds nothing.
    const s3 = await startS3Server({ enforce: false });
    const bucket = createS3Bucket({ ...s3, forcePathStyle: true });
    try {
      const key = `staging/${randomUUID()}`;
      const url = (await bucket.presignPut?.(key, { size: 10, expiresInSeconds: 60 })) ?? '';
      const response = await fetch(url, { method: 'PUT', body: Buffer.alloc(25), signal: timeout() });
      expect(response.status).toBe(200);
      expect(await bucket.head(key)).toMatchObject({ size: 25 });
    } finally {
      await bucket.close?.();
      await s3.close();
    }
  });
});

describe('filesystem bucket', () => {
  it('offers no presigned URLs: the zone serves its bytes', async () => {
    const sandbox = await mkdtemp(path.join(tmpdir(), 'figurl-bucket-'));
    const bucket = createFilesystemBucket({ root: sandbox });
    expect(bucket.presignPut).toBeUndefined();
    expect(bucket.presignGet).toBeUndefined();
    await rm(sandbox, { recursive: true, force: true });
  });
});
