import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createZoneClient, type ZoneClient, type ZoneFetch } from '@figurl/sdk';
import { downloadBlobNode, loadFile, storeFile, toCachePath, uploadFileNode, usesNodeHttp } from '@figurl/sdk/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../../support/rejection.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * The Node transfer path of storeFile and loadFile: blob bodies over node:http, taken when the
 * client uses the platform's fetch. Against scripted servers on loopback (a "zone" and a
 * "bucket" on another origin) for redirects, tokens and errors, and against a real zone app for
 * a round trip. Every error is compared with what the fetch-based zone client says for the
 * same answer.
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Body bytes that arrived before the request ended or broke off. */
  received: number;
  /** False when the client stopped sending before the end (aborted). */
  complete: boolean;
}

interface Scripted {
  origin: string;
  seen: Seen[];
  close(): Promise<void>;
}

/** An HTTP server on loopback answering with `handle`; records every request it saw. */
async function scriptedServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Scripted> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const entry: Seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      received: 0,
      complete: false,
    };
    seen.push(entry);
    req.on('data', (chunk: Buffer) => {
      entry.received += chunk.length;
    });
    req.on('end', () => {
      entry.complete = true;
    });
    req.on('error', () => {});
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const sha1Of = (data: Uint8Array | string) => createHash('sha1').update(data).digest('hex');
const blob = randomBytes(300_000);
const blobSha1 = sha1Of(blob);

/** The fetch-based client's error for the same call: a fetch that is not the platform's own object. */
const viaFetch: ZoneFetch = (url, init) => fetch(url, init);

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'figurl-node-http-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('usesNodeHttp', () => {
  it('is true for the platform fetch only', () => {
    expect(usesNodeHttp(createZoneClient({ baseUrl: 'http://zone.test', fetch: globalThis.fetch }))).toBe(true);
    expect(usesNodeHttp(createZoneClient({ baseUrl: 'http://zone.test', fetch: viaFetch }))).toBe(false);
  });
});

describe('downloadBlobNode', () => {
  let bucket: Scripted;
  let zone: Scripted;
  beforeAll(async () => {
    bucket = await scriptedServer((req, res) => {
      if (req.url?.startsWith('/objects/')) {
        res.writeHead(200, { 'content-length': String(blob.length) }).end(blob);
      } else {
        res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
      }
    });
    zone = await scriptedServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === `/sha1/${blobSha1}`) {
        res.writeHead(302, { location: `${bucket.origin}/objects/${blobSha1}?X-Amz-Signature=s` }).end();
      } else if (path === `/sha1/${'d'.repeat(40)}`) {
        res.writeHead(302, { location: `${bucket.origin}/denied?X-Amz-Signature=s` }).end();
      } else if (path === `/sha1/${'e'.repeat(40)}`) {
        res.writeHead(302, { location: `/sha1/${'e'.repeat(40)}` }).end();
      } else {
        json(res, 404, { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'no blob in this zone' });
      }
    });
  });
  afterAll(async () => {
    await zone.close();
    await bucket.close();
  });
  beforeEach(() => {
    zone.seen.length = 0;
    bucket.seen.length = 0;
  });

  it('follows the redirect to the bucket, sending the token to the zone origin only', async () => {
    const client = createZoneClient({ baseUrl: zone.origin, fetch, token: 'tok-123', zone: 'lab' });
    const download = await downloadBlobNode(client.connection, blobSha1);
    expect(download.size).toBe(blob.length);
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) {
      expect(Buffer.isBuffer(chunk)).toBe(true);
      chunks.push(chunk);
    }
    expect(Buffer.concat(chunks).equals(blob)).toBe(true);
    expect(zone.seen.map((s) => [s.url, s.headers.authorization, s.headers['accept-encoding']])).toEqual([
      [`/sha1/${blobSha1}?zone=lab`, 'Bearer tok-123', 'identity'],
    ]);
    expect(bucket.seen.map((s) => [s.url, s.headers.authorization])).toEqual([
      [`/objects/${blobSha1}?X-Amz-Signature=s`, undefined],
    ]);
  });

  it('fails with the same FigurlError as the fetch-based client', async () => {
    const node = createZoneClient({ baseUrl: zone.origin, fetch });
    const web = createZoneClient({ baseUrl: zone.origin, fetch: viaFetch });
    const cases: Array<[string, string, RegExp]> = [
      [
        '0'.repeat(40),
        'NOT_FOUND',
        /^download failed: GET http:\/\/127\.0\.0\.1:\d+\/sha1\/0{40} answered HTTP 404: no blob in this zone$/,
      ],
      [
        'd'.repeat(40),
        'FORBIDDEN',
        /^download failed: GET http:\/\/127\.0\.0\.1:\d+\/denied\?… answered HTTP 403: <Error><Code>AccessDenied<\/Code><\/Error>$/,
      ],
      ['e'.repeat(40), 'UNAVAILABLE', /answered HTTP 302 \(.*\); expected an answer within 5 redirects$/],
    ];
    for (const [hash, code, message] of cases) {
      const fromNode = await rejection(downloadBlobNode(node.connection, hash));
      const fromFetch = await rejection(web.downloadBlob(hash));
      expect([fromNode.code, fromNode.message]).toEqual([fromFetch.code, fromFetch.message]);
      expect(fromNode.code).toBe(code);
      expect(fromNode.message).toMatch(message);
    }
  });

  it('reports an unreachable zone as UNAVAILABLE, like the fetch-based client', async () => {
    const closed = await scriptedServer(() => {});
    await closed.close();
    const node = createZoneClient({ baseUrl: closed.origin, fetch });
    const web = createZoneClient({ baseUrl: closed.origin, fetch: viaFetch });
    const fromNode = await rejection(downloadBlobNode(node.connection, blobSha1));
    const fromFetch = await rejection(web.downloadBlob(blobSha1));
    expect(fromNode.code).toBe('UNAVAILABLE');
    expect(fromNode.message).toBe(fromFetch.message);
    expect(fromNode.message).toMatch(
      /^cannot reach the zone at http:\/\/127\.0\.0\.1:\d+\/sha1\/[0-9a-f]{40}: connect ECONNREFUSED/,
    );
  });

  it('refuses a malformed hash before sending anything', async () => {
    const client = createZoneClient({ baseUrl: zone.origin, fetch });
    const err = await rejection(downloadBlobNode(client.connection, 'ABC'));
    expect(err.code).toBe('INVALID_REQUEST');
    expect(zone.seen).toEqual([]);
  });
});

describe('loadFile over node:http', () => {
  let served: Buffer;
  let zone: Scripted;
  beforeAll(async () => {
    zone = await scriptedServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === `/sha1/${sha1Of('broken')}`) {
        // Promises 10,000 bytes, sends 5,000, then the connection dies.
        res.writeHead(200, { 'content-length': '10000' });
        res.write(Buffer.alloc(5000));
        setTimeout(() => res.socket?.destroy(), 20);
      } else if (path.startsWith('/sha1/')) {
        res.writeHead(200, { 'content-length': String(served.length) }).end(served);
      }
    });
  });
  afterAll(() => zone.close());
  beforeEach(() => {
    zone.seen.length = 0;
  });
  const client = (): ZoneClient => createZoneClient({ baseUrl: zone.origin, fetch });

  it('downloads, verifies and caches, over node:http (no fetch headers reach the server)', async () => {
    served = blob;
    const cacheDir = join(work, 'cache');
    const progress: number[] = [];
    const loaded = await loadFile(client(), { hash: blobSha1, cacheDir, onProgress: (p) => progress.push(p.bytes) });
    expect(loaded).toEqual({ path: toCachePath(cacheDir, blobSha1), size: blob.length, downloaded: true });
    expect(readFileSync(loaded.path).equals(blob)).toBe(true);
    expect(progress.at(-1)).toBe(blob.length);
    // Node's fetch (undici) always sends sec-fetch-mode; node:http sends no such header.
    expect(zone.seen.map((s) => s.headers['sec-fetch-mode'])).toEqual([undefined]);
  });

  it('refuses bytes that do not hash to the address: HASH_MISMATCH, nothing left in the cache', async () => {
    served = Buffer.from('test-c0ntent\n');
    const hash = sha1Of('test-content\n');
    const cacheDir = join(work, 'cache');
    const err = await rejection(loadFile(client(), { hash, cacheDir }));
    expect(err.code).toBe('HASH_MISMATCH');
    expect(err.message).toBe(
      `downloaded bytes do not match sha1://${hash}: expected sha1 "${hash}", got "${sha1Of(served)}" ` +
        '(13 bytes); nothing was cached',
    );
    expect(filesUnder(cacheDir)).toEqual([]);
  });

  it('verifies a blob of many socket reads and refuses it with one flipped byte', async () => {
    const large = randomBytes(9 * 2 ** 20);
    const hash = sha1Of(large);
    served = large;
    const cacheDir = join(work, 'cache');
    const loaded = await loadFile(client(), { hash, cacheDir });
    expect(readFileSync(loaded.path).equals(large)).toBe(true);

    served = Buffer.from(large);
    served[5 * 2 ** 20] = (served[5 * 2 ** 20] as number) ^ 1;
    const otherCache = join(work, 'other-cache');
    const err = await rejection(loadFile(client(), { hash, cacheDir: otherCache }));
    expect(err.code).toBe('HASH_MISMATCH');
    expect(err.message).toContain(`got "${sha1Of(served)}" (${large.length} bytes); nothing was cached`);
    expect(filesUnder(otherCache)).toEqual([]);
  });

  it('fails a download that breaks off with UNAVAILABLE, nothing left in the cache', async () => {
    const hash = sha1Of('broken');
    const cacheDir = join(work, 'cache');
    const err = await rejection(loadFile(client(), { hash, cacheDir }));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toMatch(
      new RegExp(`^the download of sha1://${hash} broke off after \\d+ bytes: .+; nothing was cached$`),
    );
    expect(filesUnder(cacheDir)).toEqual([]);
  });
});

describe('uploadFileNode', () => {
  let zone: Scripted;
  beforeAll(async () => {
    zone = await scriptedServer((req, res) => {
      req.on('end', () => {
        if (req.url?.startsWith('/refuse')) {
          json(res, 409, { statusCode: 409, code: 'CONFLICT', error: 'Conflict', message: 'already has its bytes' });
        } else {
          res.writeHead(200).end();
        }
      });
      req.resume();
    });
  });
  afterAll(() => zone.close());
  beforeEach(() => {
    zone.seen.length = 0;
  });

  it('sends exactly the file with Content-Length, the token only to the zone origin', async () => {
    const file = join(work, 'big.bin');
    const bytes = randomBytes(2.5 * 2 ** 20);
    writeFileSync(file, bytes);
    const client = createZoneClient({ baseUrl: zone.origin, fetch, token: 'tok-123' });
    const progress: number[] = [];
    await uploadFileNode(client.connection, `${zone.origin}/u/1`, file, bytes.length, {
      onProgress: (n) => progress.push(n),
    });
    const other = createZoneClient({ baseUrl: 'http://zone.test', fetch, token: 'tok-123' });
    await uploadFileNode(other.connection, `${zone.origin}/u/2?X-Amz-Signature=s`, file, bytes.length);
    expect(
      zone.seen.map((s) => [s.method, s.url, s.headers['content-length'], s.headers.authorization, s.received]),
    ).toEqual([
      ['PUT', '/u/1', String(bytes.length), 'Bearer tok-123', bytes.length],
      ['PUT', '/u/2?X-Amz-Signature=s', String(bytes.length), undefined, bytes.length],
    ]);
    expect(progress).toEqual([2 ** 20, 2 * 2 ** 20, bytes.length]);
  });

  it('maps a refusal like the fetch-based client', async () => {
    const file = join(work, 'a.bin');
    writeFileSync(file, 'abc');
    const node = createZoneClient({ baseUrl: zone.origin, fetch });
    const web = createZoneClient({ baseUrl: zone.origin, fetch: viaFetch });
    const fromNode = await rejection(uploadFileNode(node.connection, `${zone.origin}/refuse`, file, 3));
    const fromFetch = await rejection(web.uploadBytes(`${zone.origin}/refuse`, new Uint8Array(readFileSync(file)), 3));
    expect([fromNode.code, fromNode.message]).toEqual([fromFetch.code, fromFetch.message]);
    expect(fromNode.message).toMatch(
      /^upload failed: PUT http:\/\/127\.0\.0\.1:\d+\/refuse answered HTTP 409: already has its bytes$/,
    );
  });

  it('never sends a complete body for a file that is shorter or longer than announced', async () => {
    const client = createZoneClient({ baseUrl: zone.origin, fetch });
    const file = join(work, 'changed.bin');
    // Longer by one byte, exactly at a chunk boundary: the announced size is all that is read
    // in the first chunk, and the check must still catch the extra byte before sending.
    writeFileSync(file, randomBytes(2 ** 20 + 1));
    const longer = await rejection(uploadFileNode(client.connection, `${zone.origin}/u/long`, file, 2 ** 20));
    expect(longer.code).toBe('INVALID_REQUEST');
    expect(longer.message).toBe(
      `upload body grew to at least ${2 ** 20 + 1} bytes: expected exactly ${2 ** 20} (did the file change while it was being stored?)`,
    );
    writeFileSync(file, randomBytes(3 * 2 ** 20));
    const shorter = await rejection(uploadFileNode(client.connection, `${zone.origin}/u/short`, file, 3 * 2 ** 20 + 5));
    expect(shorter.message).toBe(
      `upload body ended after ${3 * 2 ** 20} bytes: expected exactly ${3 * 2 ** 20 + 5} (did the file change while it was being stored?)`,
    );
    // Give the server a moment to see the connections close.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const request of zone.seen) expect(request.complete).toBe(false);
  });
});

describe('storeFile and loadFile over node:http against a zone', () => {
  let zone: TestZone;
  let baseUrl: string;
  beforeAll(async () => {
    zone = await createTestZoneApp({ publicUrl: undefined });
    baseUrl = await zone.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => zone.close());

  it('stores a file and loads the same bytes back', async () => {
    const client = createZoneClient({ baseUrl, fetch, zone: zone.zoneName });
    const file = join(work, 'figure data.bin');
    const bytes = randomBytes(9 * 2 ** 20 + 17);
    writeFileSync(file, bytes);
    const stored = await storeFile(client, file);
    expect(stored).toEqual({
      sha1: sha1Of(bytes),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      uploaded: true,
    });
    const cacheDir = join(work, 'cache');
    const loaded = await loadFile(client, { hash: stored.sha1, cacheDir });
    expect(readFileSync(loaded.path).equals(bytes)).toBe(true);
    expect(await storeFile(client, file)).toMatchObject({ uploaded: false });
  });
});
