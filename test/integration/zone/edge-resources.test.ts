import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueId } from '@figurl/prisma';
import {
  createEdgeClient,
  createZoneClient,
  type EdgeRequest,
  type ShareZoneMessage,
  type ZoneClient,
} from '@figurl/sdk';
import { loadFile, runShare } from '@figurl/sdk/node';
import { createFilesystemBucket, hashToken } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { getDatabaseUrl } from '../../support/database.js';
import { rejection } from '../../support/rejection.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

// Two replicas of one zone on the shared database, both listening on loopback: `figurl share`
// connects to A, requesters ask B, and the request reaches A through LISTEN/NOTIFY.
let a: TestZone;
let b: TestZone;
let urlA: string;
let urlB: string;
let closedZone: string;
let work: string;
const graceMs = 1500;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'figurl-edge-'));
  // Replicas share the database and the bucket; upload URLs name the replica that was asked.
  const bucket = createFilesystemBucket({ root: join(work, 'bucket') });
  const options = { databaseUrl: getDatabaseUrl(), edgeGraceMs: graceMs, publicUrl: undefined, bucket };
  a = await createTestZoneApp(options);
  b = await createTestZoneApp(options);
  b.zoneName = a.zoneName;
  urlA = await a.app.listen({ host: '127.0.0.1', port: 0 });
  urlB = await b.app.listen({ host: '127.0.0.1', port: 0 });
  closedZone = uniqueId('zone');
  await a.context.identities.setZone(closedZone, { allowPublicUpload: false, allowPublicDownload: false });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const sha1 = (bytes: Uint8Array | string) => createHash('sha1').update(bytes).digest('hex');
const clientAt = (url: string, options: { zone?: string; token?: string } = {}) =>
  createZoneClient({ baseUrl: url, fetch, zone: options.zone ?? a.zoneName, ...definedToken(options.token) });
const definedToken = (token: string | undefined) => (token === undefined ? {} : { token });

async function tokenFor(userId: string, scopes: string[], zone = closedZone): Promise<string> {
  const token = `figurl_${randomBytes(16).toString('hex')}`;
  await a.context.identities.createToken({ userId, tokenHash: hashToken(token), label: 't', scopes });
  await a.context.identities.setMember({ zoneName: zone, userId, canUpload: true, canDownload: true, isAdmin: false });
  return token;
}

async function folderWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(work, 'share-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/** `figurl share` in this process; resolves once it is connected and has announced. */
async function share(client: ZoneClient, dir: string, name = uniqueId('lab').slice(0, 40), pingIntervalMs = 20_000) {
  const controller = new AbortController();
  const lines: string[] = [];
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  const running = runShare(client, {
    dir,
    name,
    cacheDir: join(work, 'cache'),
    signal: controller.signal,
    retryMs: { min: 100, max: 500 },
    pingIntervalMs,
    log: (line) => {
      lines.push(line);
      if (line.startsWith('connected to')) connected();
    },
  });
  // A refused connection rejects `running` before it is ever ready.
  await Promise.race([ready, running]);
  const stop = async () => {
    controller.abort();
    await running;
  };
  return { name, lines, running, stop };
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function announced(name: string, hash: string): Promise<boolean> {
  return (await a.prisma.edgeResourceFile.count({ where: { sha1: hash, resource: { name } } })) > 0;
}

/** A hand-driven resource: the protocol without the daemon, to misbehave on purpose. */
async function rawResource(url: string, name: string, zone = a.zoneName) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v1/edge/connect?zone=${zone}&name=${name}`);
  const inbox: ShareZoneMessage[] = [];
  ws.on('message', (data) => inbox.push(JSON.parse(String(data)) as ShareZoneMessage));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const next = async <T extends ShareZoneMessage['type']>(type: T) => {
    await until(() => inbox.some((m) => m.type === type));
    const index = inbox.findIndex((m) => m.type === type);
    return inbox.splice(index, 1)[0] as Extract<ShareZoneMessage, { type: T }>;
  };
  await next('ready');
  return {
    ws,
    next,
    send: (message: object) => ws.send(JSON.stringify(message)),
    close: () =>
      new Promise((resolve) => {
        ws.once('close', resolve);
        ws.close();
      }),
  };
}

describe('edge resources: announce, request, verified upload', () => {
  test('a client on replica B gets a file that only a resource on replica A holds, with progress', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const hash = sha1(bytes);
    const dir = await folderWith({ 'traces.bin': bytes, 'notes.txt': 'hello\n' });
    const resource = await share(clientAt(urlA), dir);
    await until(() => announced(resource.name, hash));

    // The zone keeps hashes and sizes, nothing about where the files are.
    const files = await a.prisma.edgeResourceFile.findMany({ where: { resource: { name: resource.name } } });
    expect(files.map((f) => [f.sha1, Number(f.size)]).sort()).toEqual(
      [
        [hash, bytes.length],
        [sha1('hello\n'), 6],
      ].sort(),
    );
    expect(JSON.stringify(files, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(dir);

    const requester = clientAt(urlB);
    expect(await requester.findBlob(hash)).toBeNull();
    const seen: EdgeRequest[] = [];
    const started = Date.now();
    await createEdgeClient(requester.connection).fetchToZone(hash, { onProgress: (r) => seen.push(r) });
    const elapsed = Date.now() - started;
    expect(seen[0]).toMatchObject({
      sha1: hash,
      size: bytes.length,
      resource: { name: resource.name, connected: true },
    });
    expect(seen.at(-1)).toMatchObject({ state: 'completed', bytes: bytes.length, error: null });
    const { path } = await loadFile(requester, { hash, cacheDir: join(work, 'requester-cache') });
    expect(sha1(await readFile(path))).toBe(hash);
    expect(resource.lines.some((l) => l.startsWith(`uploaded sha1://${hash}`))).toBe(true);
    expect(elapsed).toBeLessThan(5000);

    // Asking again: the blob is there now.
    expect((await createEdgeClient(requester.connection).request(hash)).status).toBe('exists');
    await resource.stop();
  });

  test('askers of one hash share one request, and one upload', async () => {
    const content = `shared ${randomBytes(8).toString('hex')}\n`;
    const hash = sha1(content);
    const resource = await share(clientAt(urlA), await folderWith({ 'a.txt': content }));
    await until(() => announced(resource.name, hash));
    const edge = createEdgeClient(clientAt(urlB).connection);
    const [first, second] = await Promise.all([edge.request(hash), edge.request(hash)]);
    expect(first.status).toBe('requested');
    expect(second.status).toBe('requested');
    if (first.status === 'requested' && second.status === 'requested') expect(second.request.id).toBe(first.request.id);
    await edge.fetchToZone(hash);
    expect(resource.lines.filter((l) => l.startsWith(`uploading a.txt`))).toHaveLength(1);
    await resource.stop();
  });

  test('a hash no resource announced is refused, and so is one whose resource is offline', async () => {
    const edge = createEdgeClient(clientAt(urlB).connection);
    const unknown = sha1(randomBytes(16));
    const err = await rejection(edge.request(unknown));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('no shared resource announced it');

    const content = randomBytes(64);
    const resource = await share(clientAt(urlA), await folderWith({ 'x.bin': content }));
    await until(() => announced(resource.name, sha1(content)));
    await resource.stop();
    await until(
      async () => (await a.prisma.edgeResource.findFirst({ where: { name: resource.name } }))?.sessionId === null,
    );
    const offline = await rejection(edge.request(sha1(content)));
    expect(offline.code).toBe('NOT_FOUND');
    expect(offline.message).toMatch(/is offline: ".*" of "anonymous" \(last seen /);
  });

  test('the resource refuses a hash it did not announce, even when asked', async () => {
    const resource = await share(clientAt(urlA), await folderWith({ 'y.txt': 'y\n' }));
    const row = await a.prisma.edgeResource.findFirstOrThrow({ where: { name: resource.name } });
    // The zone never asks this; a forged request row shows what the daemon does if it were asked.
    const hash = sha1(randomBytes(20));
    const forged = await a.prisma.edgeRequest.create({
      data: { zoneName: a.zoneName, sha1: hash, size: 20n, resourceId: row.id, requestedBy: 'anonymous' },
    });
    await a.context.edge.repository.notify(`u:${row.id}:${forged.id}`);
    const edge = createEdgeClient(clientAt(urlB).connection);
    await until(async () => (await edge.get(hash, forged.id)).state === 'failed');
    expect((await edge.get(hash, forged.id)).error).toBe(`sha1://${hash} is not shared by resource "${resource.name}"`);
    expect(await clientAt(urlB).findBlob(hash)).toBeNull();
    await resource.stop();
  });
});

describe('edge resources: changed files and untrustworthy resources', () => {
  test('a file changed after it was announced is not sent under the old hash; it is announced anew', async () => {
    const dir = await folderWith({ 'data.csv': 'a,b\n1,2\n' });
    const oldHash = sha1('a,b\n1,2\n');
    const resource = await share(clientAt(urlA), dir);
    await until(() => announced(resource.name, oldHash));
    // Same size, new content and mtime.
    await writeFile(join(dir, 'data.csv'), 'a,b\n3,4\n');
    await utimes(join(dir, 'data.csv'), new Date(), new Date(Date.now() + 5000));
    const newHash = sha1('a,b\n3,4\n');

    const edge = createEdgeClient(clientAt(urlB).connection);
    const err = await rejection(edge.fetchToZone(oldHash));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toContain('file changed since it was announced');
    expect(await clientAt(urlB).findBlob(oldHash)).toBeNull();
    await until(() => announced(resource.name, newHash));
    expect(await announced(resource.name, oldHash)).toBe(false);

    await edge.fetchToZone(newHash);
    expect((await clientAt(urlB).findBlob(newHash))?.size).toBe(8);
    await resource.stop();
  });

  test('a resource that sends other bytes gets nothing stored, and its "completed" is not believed', async () => {
    const name = uniqueId('liar').slice(0, 40);
    const liar = await rawResource(urlA, name);
    const claimed = sha1('the real content\n');
    liar.send({ type: 'announce', files: [{ sha1: claimed, size: 17 }], last: true });
    await until(() => announced(name, claimed));

    const edge = createEdgeClient(clientAt(urlB).connection);
    const fetching = edge.fetchToZone(claimed);
    const ask = await liar.next('upload');
    expect(ask).toMatchObject({ sha1: claimed, size: 17 });
    liar.send({ type: 'started', requestId: ask.requestId });
    const uploader = clientAt(urlA);
    const target = await uploader.initiateUpload({ sha1: claimed, size: 17 });
    if (target.status !== 'upload') throw new Error('expected an upload target');
    await uploader.uploadBytes(target.uploadUrl, new TextEncoder().encode('a forged content\n'), 17);
    expect((await rejection(uploader.finalizeUpload(target.uploadId))).code).toBe('HASH_MISMATCH');
    liar.send({ type: 'completed', requestId: ask.requestId });

    const err = await rejection(fetching);
    expect(err.message).toContain('the zone does not hold the blob');
    expect(await uploader.findBlob(claimed)).toBeNull();
    await liar.close();
  });
});

describe('edge resources: disconnects', () => {
  test('a request waits for its resource to reconnect, then completes', async () => {
    const name = uniqueId('flaky').slice(0, 40);
    const content = `resumed ${randomBytes(8).toString('hex')}\n`;
    const hash = sha1(content);
    const first = await rawResource(urlA, name);
    first.send({ type: 'announce', files: [{ sha1: hash, size: content.length }], last: true });
    await until(() => announced(name, hash));

    const edge = createEdgeClient(clientAt(urlB).connection);
    const answer = await edge.request(hash);
    if (answer.status !== 'requested') throw new Error('expected a request');
    await first.next('upload');
    await first.close();
    await until(async () => !(await edge.get(hash, answer.request.id)).resource.connected);
    expect(await edge.get(hash, answer.request.id)).toMatchObject({ state: 'requested', error: null });

    // Back within the grace period, on the other replica: the zone asks again.
    const second = await rawResource(urlB, name);
    const ask = await second.next('upload');
    expect(ask.requestId).toBe(answer.request.id);
    const client = clientAt(urlB);
    const target = await client.initiateUpload({ sha1: hash, size: content.length });
    if (target.status !== 'upload') throw new Error('expected an upload target');
    await client.uploadBytes(target.uploadUrl, new TextEncoder().encode(content), content.length);
    await client.finalizeUpload(target.uploadId);
    second.send({ type: 'completed', requestId: ask.requestId });
    await edge.fetchToZone(hash);
    expect((await edge.get(hash, answer.request.id)).state).toBe('completed');
    await second.close();
  });

  test('figurl share reconnects after the zone drops it, and serves requests made meanwhile', async () => {
    // A replica that closes connections silent for 300 ms, while the daemon pings every 10 s.
    const c = await createTestZoneApp({
      databaseUrl: getDatabaseUrl(),
      publicUrl: undefined,
      bucket: createFilesystemBucket({ root: join(work, 'bucket') }),
      edgeSilenceMs: 300,
    });
    c.zoneName = a.zoneName;
    const urlC = await c.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const content = `reconnected ${randomBytes(8).toString('hex')}\n`;
      const resource = await share(clientAt(urlC), await folderWith({ 'r.txt': content }), undefined, 10_000);
      await until(() => resource.lines.filter((l) => l.startsWith('connected to')).length >= 2);
      expect(resource.lines).toContainEqual(expect.stringMatching(/^disconnected \(4002 nothing heard for 0\.3 s\)$/));
      expect(resource.lines).toContain('reconnecting in 0.1 s');
      // Each connection lives 300 ms: a request made at any moment is served by one of them.
      await createEdgeClient(clientAt(urlB).connection).fetchToZone(sha1(content));
      await resource.stop();
    } finally {
      await c.close();
    }
  });

  test('a request whose resource does not come back fails clearly after the grace period', async () => {
    const name = uniqueId('gone').slice(0, 40);
    const hash = sha1(randomBytes(12));
    const resource = await rawResource(urlA, name);
    resource.send({ type: 'announce', files: [{ sha1: hash, size: 12 }], last: true });
    await until(() => announced(name, hash));
    const edge = createEdgeClient(clientAt(urlB).connection);
    const fetching = edge.fetchToZone(hash);
    await resource.next('upload');
    const closedAt = Date.now();
    await resource.close();
    const err = await rejection(fetching);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(graceMs - 100);
    expect(Date.now() - closedAt).toBeLessThan(graceMs + 3000);
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toMatch(
      new RegExp(`resource "${name}" of "anonymous" went away at .* and did not come back within 2 s`),
    );
  });
});

describe('edge resources: authentication', () => {
  test('a closed zone needs a token with scope upload to share, and the download right to ask', async () => {
    const dir = await folderWith({ 'secret.txt': 'lab only\n' });
    const anonymous = await rejection(share(clientAt(urlA, { zone: closedZone }), dir).then((s) => s.stop()));
    expect(anonymous.code).toBe('UNAUTHORIZED');
    const downloadOnly = await tokenFor(uniqueId('reader'), ['download']);
    const reader = await rejection(
      share(clientAt(urlA, { zone: closedZone, token: downloadOnly }), dir).then((s) => s.stop()),
    );
    expect(reader.code).toBe('FORBIDDEN');

    const alice = await tokenFor(uniqueId('alice'), ['upload', 'download']);
    const resource = await share(clientAt(urlA, { zone: closedZone, token: alice }), dir);
    const hash = sha1('lab only\n');
    await until(() => announced(resource.name, hash));
    const stranger = createEdgeClient(clientAt(urlB, { zone: closedZone }).connection);
    expect((await rejection(stranger.request(hash))).code).toBe('UNAUTHORIZED');
    await createEdgeClient(clientAt(urlB, { zone: closedZone, token: downloadOnly }).connection).fetchToZone(hash);
    await resource.stop();
  });

  test('another user cannot be someone else’s resource; the same user’s newer connection takes over', async () => {
    const aliceId = uniqueId('alice');
    const alice = await tokenFor(aliceId, ['upload', 'download']);
    const mallory = await tokenFor(uniqueId('mallory'), ['upload', 'download']);
    const name = uniqueId('lab').slice(0, 40);
    const content = `alice's ${randomBytes(8).toString('hex')}\n`;
    const hash = sha1(content);
    const real = await share(
      clientAt(urlA, { zone: closedZone, token: alice }),
      await folderWith({ 'a.txt': content }),
      name,
    );
    await until(() => announced(name, hash));

    // Mallory connects with Alice's resource name and announces the same hash: a resource of her own.
    const fake = await share(
      clientAt(urlB, { zone: closedZone, token: mallory }),
      await folderWith({ 'other.txt': 'mallory\n' }),
      name,
    );
    const rows = await a.prisma.edgeResource.findMany({ where: { name }, select: { ownerId: true, sessionId: true } });
    expect(rows.map((r) => r.ownerId)).toHaveLength(2);
    expect(rows.map((r) => r.ownerId)).toContain(aliceId);
    expect(rows.map((r) => r.ownerId)).toContainEqual(expect.stringMatching(/^mallory/));
    expect(rows.every((r) => r.sessionId !== null)).toBe(true);
    // Requests for Alice's hash go to Alice's connection.
    await createEdgeClient(clientAt(urlB, { zone: closedZone, token: mallory }).connection).fetchToZone(hash);
    expect(real.lines.some((l) => l.startsWith(`uploaded sha1://${hash}`))).toBe(true);
    await fake.stop();

    // Alice starting a second share with the same name replaces the first, which stops.
    const again = await share(
      clientAt(urlB, { zone: closedZone, token: alice }),
      await folderWith({ 'b.txt': 'b\n' }),
      name,
    );
    const replaced = await rejection(real.running);
    expect(replaced.code).toBe('CONFLICT');
    expect(replaced.message).toContain('took over');
    await again.stop();
  });
});

describe('edge resources: malformed requests', () => {
  test.each([
    ['GET', '/api/v1/edge/connect', 400, 'INVALID_REQUEST'],
    ['GET', '/api/v1/edge/connect?name=lab', 400, 'INVALID_REQUEST'],
    ['HEAD', '/api/v1/edge/connect?name=lab', 400, undefined],
    ['GET', '/api/v1/edge/connect?name=a%20b', 400, 'INVALID_REQUEST'],
    ['GET', '/api/v1/edge/connect?name=lab&zone=nope', 404, 'NOT_FOUND'],
    ['POST', '/api/v1/blobs/abc/request', 400, 'INVALID_REQUEST'],
    ['POST', `/api/v1/blobs/${'a'.repeat(40)}/request?zone=nope`, 404, 'NOT_FOUND'],
    ['GET', `/api/v1/blobs/${'a'.repeat(40)}/request/not-a-uuid`, 400, 'INVALID_REQUEST'],
    [
      'GET',
      `/api/v1/blobs/${'a'.repeat(40)}/request/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
      404,
      'NOT_FOUND',
    ],
    [
      'GET',
      `/api/v1/blobs/${'a'.repeat(40)}/request/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}?wait=99`,
      400,
      'INVALID_REQUEST',
    ],
    [
      'GET',
      `/api/v1/blobs/${'a'.repeat(40)}/request/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}?state=done`,
      400,
      'INVALID_REQUEST',
    ],
  ] as const)('%s %s answers %i in the one error shape', async (method, path, status, code) => {
    const separator = path.includes('?') ? '&' : '?';
    const url = path.includes('zone=') ? path : `${path}${separator}zone=${a.zoneName}`;
    const response = await a.app.inject({ method, url });
    expect(response.statusCode).toBe(status);
    if (code === undefined) return;
    expect(response.json()).toMatchObject({
      statusCode: status,
      code,
      error: expect.any(String),
      message: expect.any(String),
    });
  });
});
