import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { toErrorBody } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Bucket } from '../../../zone/src/bucket/index.js';
import { type S3TestServer, startS3Server } from '../../support/s3-server.js';

const secret = { accessKeyId: 'AKIDMUSTNOTLEAK', secretAccessKey: 'secret-must-not-leak' };

describe('S3 bucket failures', () => {
  it('reports an unreachable endpoint as UNAVAILABLE naming bucket, verb and key, without credentials', async () => {
    const port = await closedPort();
    const bucket = createS3Bucket({
      bucket: 'figurl',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: secret,
    });
    try {
      const error = await bucket.get('sha1/ab/cd').catch((err: unknown) => err);
      expect(error).toMatchObject({ code: 'UNAVAILABLE' });
      const message = (error as Error).message;
      expect(message).toMatch(
        /^bucket s3:\/\/figurl\/ \(endpoint http:\/\/127\.0\.0\.1:\d+\) failed to get "sha1\/ab\/cd": /,
      );
      expect(message).toContain('ECONNREFUSED');
      const wire = JSON.stringify(toErrorBody(error));
      expect(wire).toContain('"statusCode":503');
      for (const leak of [secret.accessKeyId, secret.secretAccessKey]) expect(wire).not.toContain(leak);
    } finally {
      await bucket.close?.();
    }
  });

  it('never shows endpoint credentials in its description', () => {
    const bucket = createS3Bucket({
      bucket: 'figurl',
      endpoint: 'http://user:pw-secret@127.0.0.1:9',
      region: 'us-east-1',
    });
    expect(bucket.description).toBe('s3://figurl/ (endpoint http://127.0.0.1:9)');
  });

  describe('against s3rver', () => {
    let s3: S3TestServer;
    beforeAll(async () => {
      s3 = await startS3Server();
    });
    afterAll(() => s3.close());

    it('treats a missing bucket as a failure, not as an empty bucket', async () => {
      const bucket = createS3Bucket({ ...s3, bucket: 'no-such-bucket', forcePathStyle: true });
      await expect(bucket.get('a/b')).rejects.toMatchObject({ code: 'UNAVAILABLE', message: /NoSuchBucket/ });
      await expect(bucket.list('a/')[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await expect(bucket.put('a/b', Readable.from([Buffer.from('x')]), { size: 1 })).rejects.toMatchObject({
        code: 'UNAVAILABLE',
      });
      await bucket.close?.();
    });
  });

  it('on a backend ignoring If-None-Match, racing copies of one source never leave other bytes', async () => {
    // s3rver as it is: the documented worst case of copyIfAbsent is rewriting identical bytes.
    // s3rver's own unguarded copy also races with itself (HTTP 500): such calls must fail
    // loudly as UNAVAILABLE, never report success over a broken object.
    const s3 = await startS3Server({ enforce: false });
    const bucket = createS3Bucket({ ...s3, forcePathStyle: true });
    try {
      const bytes = randomBytes(50_000);
      const dir = randomUUID();
      await bucket.put(`${dir}/from`, Readable.from([bytes]), { size: bytes.length });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () => bucket.copyIfAbsent(`${dir}/from`, `${dir}/to`)),
      );
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'UNAVAILABLE' });
        else expect(['created', 'exists']).toContain(result.value);
      }
      expect(results.some((r) => r.status === 'fulfilled' && r.value === 'created')).toBe(true);
      const got = await bucket.get(`${dir}/to`);
      const chunks: Buffer[] = [];
      for await (const chunk of got?.body ?? []) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks)).toEqual(bytes);
    } finally {
      await bucket.close?.();
      await s3.close();
    }
  });

  describe('409 ConditionalRequestConflict (a stand-in answering as S3 documents)', () => {
    let server: Server;
    let endpoint: string;
    /** Scripted answers to HEAD and PUT (copy), consumed in order; recorded requests. */
    const script: { head: number[]; copy: number[] } = { head: [], copy: [] };
    const seen: string[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push(req.method ?? '');
        req.resume();
        const status = (req.method === 'HEAD' ? script.head.shift() : script.copy.shift()) ?? 500;
        const code = status === 409 ? 'ConditionalRequestConflict' : status === 200 ? '' : 'InternalError';
        if (req.method === 'HEAD') {
          res.writeHead(status, { 'content-length': 0 }).end();
          return;
        }
        res.writeHead(status, { 'content-type': 'application/xml' });
        res.end(
          status === 200
            ? '<?xml version="1.0"?><CopyObjectResult><ETag>"x"</ETag></CopyObjectResult>'
            : `<?xml version="1.0"?><Error><Code>${code}</Code><Message>conflict</Message></Error>`,
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    });

    it('looks again instead of answering exists while the other write may still fail', async () => {
      const bucket = createS3Bucket({
        bucket: 'figurl',
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: secret,
      });
      script.head = [404, 404];
      script.copy = [409, 200];
      seen.length = 0;
      expect(await bucket.copyIfAbsent('a/from', 'a/to')).toBe('created');
      expect(seen).toEqual(['HEAD', 'PUT', 'HEAD', 'PUT']);
      script.head = [404, 200];
      script.copy = [409];
      seen.length = 0;
      expect(await bucket.copyIfAbsent('a/from', 'a/to')).toBe('exists');
      expect(seen).toEqual(['HEAD', 'PUT', 'HEAD']);
      await bucket.close?.();
    });
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
