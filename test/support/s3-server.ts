import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { createServer, IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The parts of s3rver 3.7.1 (CommonJS, untyped) this file uses. */
interface S3rverApp {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  configureBuckets(): Promise<void>;
  store: S3rverStore;
}
interface S3rverStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  existsObject(bucket: string, key: string): Promise<boolean>;
  putMetadata(bucket: string, key: string, metadata: unknown, md5: string): Promise<void>;
  putObject(object: { bucket: string; key: string; content: Readable | Buffer; metadata: unknown }): Promise<unknown>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverApp;

export interface S3TestServer {
  /** `http://127.0.0.1:<port>`; use path-style addressing. */
  endpoint: string;
  bucket: string;
  region: string;
  /** s3rver's built-in account (its README): the only key it accepts. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** s3rver's data folder; objects live under `<directory>/<bucket>/`. */
  directory: string;
  close(): Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1 (random port, temporary folder) with one bucket. s3rver 3.7.1
 * ignores `If-None-Match`, never checks SigV4 signatures (so a signed Content-Length binds
 * nothing), writes PUT bodies in place (an aborted PUT leaves a partial object) and lacks
 * AbortMultipartUpload. With `enforce` (the default) a shim restores those documented S3
 * behaviours: `If-None-Match: *` on PUT and CopyObject answers 412 PreconditionFailed when the key
 * exists (serialized per key, as S3 arbitrates races); PUT bodies land all-or-nothing;
 * AbortMultipartUpload drops the parts; presigned (query) SigV4 signatures are verified, so a PUT
 * of another length than signed gets 403 SignatureDoesNotMatch. Header-signed requests stay
 * unchecked. `enforce: false` is s3rver as it is, for tests of lenient backends.
 *
 * @example
 * const s3 = await startS3Server();
 * const bucket = createS3Bucket({ ...s3, forcePathStyle: true });
 * afterAll(() => s3.close());
 */
export async function startS3Server(options: { enforce?: boolean } = {}): Promise<S3TestServer> {
  const enforce = options.enforce ?? true;
  const root = await mkdtemp(path.join(tmpdir(), 'figurl-s3rver-'));
  const directory = path.join(root, 'data');
  const partial = path.join(root, 'partial');
  await mkdir(partial);
  const bucket = 'figurl-test';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const app = new S3rver({ directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  await app.configureBuckets();
  if (enforce) makePutsAtomic(app.store, partial);
  const handle = app.callback();
  const serialize = keyedQueue();

  const server = createServer((req, res) => {
    if (!enforce) return handle(req, res);
    const uploadId = /[?&]uploadId=([0-9a-f]+)(&|$)/.exec(req.url ?? '')?.[1];
    if (req.method === 'DELETE' && uploadId !== undefined) {
      // AbortMultipartUpload, which s3rver lacks (405): drop the upload's parts.
      const bucketName = (req.url ?? '').split('/')[1] ?? '';
      if (!/^[a-z0-9][a-z0-9.-]+$/.test(bucketName)) return sendError(req, res, 400, 'InvalidBucketName', bucketName);
      const uploads = app.store.getResourcePath(bucketName, '', 'uploads');
      void rm(path.join(uploads, uploadId), { recursive: true, force: true }).then(() => res.writeHead(204).end());
      return;
    }
    const denied = checkQuerySignature(req, credentials.secretAccessKey);
    if (denied !== undefined) return sendError(req, res, 403, 'SignatureDoesNotMatch', denied);
    if (req.method !== 'PUT' || req.headers['if-none-match'] !== '*') return handle(req, res);
    const [, bucketName = '', ...keyParts] = (req.url ?? '').split('?')[0]?.split('/') ?? [];
    const key = keyParts.map(decodeURIComponent).join('/');
    void serialize(`${bucketName}/${key}`, async () => {
      try {
        if (await app.store.existsObject(bucketName, key)) {
          return sendError(
            req,
            res,
            412,
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
          );
        }
      } catch (err) {
        return sendError(req, res, 500, 'InternalError', String(err));
      }
      const done = new Promise((resolve) => res.once('close', resolve));
      handle(req, res);
      await done;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    credentials,
    directory,
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      });
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Replaces s3rver's in-place PUT with write-to-temp-then-rename, as S3 PUTs are all or nothing. */
function makePutsAtomic(store: S3rverStore, partial: string): void {
  store.putObject = async (object) => {
    const temp = path.join(partial, randomUUID());
    const md5 = createHash('md5');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
      await pipeline(content, count, createWriteStream(temp));
      if (content instanceof IncomingMessage && !content.complete) throw new Error('request body incomplete');
      const target = store.getResourcePath(object.bucket, object.key, 'object');
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    const hex = md5.digest('hex');
    await store.putMetadata(object.bucket, object.key, object.metadata, hex);
    return { size, md5: hex };
  };
}

/**
 * Verifies an `X-Amz-Signature` query (presigned URL) as S3 does (SigV4, unsigned payload):
 * undefined when absent or valid, otherwise why it failed.
 */
function checkQuerySignature(req: IncomingMessage, secretAccessKey: string): string | undefined {
  const [pathname = '', query = ''] = (req.url ?? '').split('?');
  const params = query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at === -1 ? [decode(pair), ''] : [decode(pair.slice(0, at)), decode(pair.slice(at + 1))];
    }) as [string, string][];
  const get = (name: string) => params.find(([key]) => key === name)?.[1];
  const signature = get('X-Amz-Signature');
  if (signature === undefined) return undefined;
  const [, date = '', region = '', service = '', terminator = ''] = (get('X-Amz-Credential') ?? '').split('/');
  const signedHeaders = (get('X-Amz-SignedHeaders') ?? '').split(';');
  const canonicalQuery = params
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`)
    .sort()
    .join('&');
  const canonicalHeaders = signedHeaders
    .map(
      (name) =>
        `${name}:${String(req.headers[name] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [
    req.method,
    pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${date}/${region}/${service}/${terminator}`;
  const toSign = ['AWS4-HMAC-SHA256', get('X-Amz-Date') ?? '', scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`);
  for (const part of [date, region, service, terminator]) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(toSign).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
  return `The request signature we calculated does not match the signature you provided (signed headers: ${signedHeaders.join(';')})`;
}

function sendError(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  req.resume();
  res.writeHead(status, { 'content-type': 'application/xml', connection: 'close' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

/** Runs tasks with the same key one after another (tasks with different keys run freely). */
function keyedQueue(): (key: string, task: () => Promise<void>) => Promise<void> {
  const tails = new Map<string, Promise<void>>();
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => tails.get(key) === tail && tails.delete(key));
    return run;
  };
}

function decode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
