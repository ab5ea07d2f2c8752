import { createHash, randomBytes } from 'node:crypto';
import { createKeyPair, type KeyPair, signEnvelope, signPayload } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let open: TestZone;
let closed: TestZone;
const keys: KeyPair = createKeyPair();

beforeAll(async () => {
  open = await createTestZoneApp({ open: true });
  closed = await createTestZoneApp({ open: false, publicDownload: false });
});
afterAll(async () => {
  await open.close();
  await closed.close();
});

/** A gateway call exactly as the kachery-cloud 0.4 Python client makes it. */
async function gateway(zone: TestZone, payload: Record<string, unknown>, signer: KeyPair | null = keys) {
  const full = { timestamp: Date.now(), zone: zone.zoneName, ...payload };
  const body = signer ? signEnvelope(full, signer) : { payload: full };
  return zone.app.inject({
    method: 'POST',
    url: '/api/gateway',
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

async function storeThroughGateway(zone: TestZone, bytes: Buffer) {
  const hash = createHash('sha1').update(bytes).digest('hex');
  const initiated = await gateway(zone, { type: 'initiateFileUpload', size: bytes.length, hashAlg: 'sha1', hash });
  expect(initiated.statusCode).toBe(200);
  const { signedUploadUrl, objectKey } = initiated.json();
  const put = await zone.app.inject({ method: 'PUT', url: new URL(signedUploadUrl).pathname, payload: bytes });
  expect(put.statusCode).toBe(200);
  const finalized = await gateway(zone, {
    type: 'finalizeFileUpload',
    objectKey,
    hashAlg: 'sha1',
    hash,
    size: bytes.length,
  });
  return { hash, initiated: initiated.json(), finalized };
}

describe('kachery-gateway dialect in an open zone', () => {
  it('stores a file the way kachery-cloud-store does, then finds it', async () => {
    const bytes = randomBytes(3000);
    const { hash, initiated, finalized } = await storeThroughGateway(open, bytes);
    expect(initiated).toEqual({
      type: 'initiateFileUpload',
      alreadyExists: false,
      alreadyPending: false,
      objectKey: expect.stringMatching(/^staging\//),
      signedUploadUrl: expect.stringMatching(/^http:\/\/zone\.test\/api\/v1\/uploads\//),
    });
    expect(finalized.statusCode).toBe(200);
    expect(finalized.json()).toEqual({ type: 'finalizeFileUpload' });

    const found = await gateway(open, { type: 'findFile', hashAlg: 'sha1', hash });
    expect(found.json()).toEqual({
      type: 'findFile',
      found: true,
      size: 3000,
      url: `http://zone.test/sha1/${hash}?zone=${encodeURIComponent(open.zoneName)}`,
      objectKey: `sha1/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash.slice(4, 6)}/${hash}`,
      cacheHit: false,
    });
    const download = await open.app.inject({
      method: 'GET',
      url: new URL(found.json().url).pathname + new URL(found.json().url).search,
    });
    expect(download.rawPayload.equals(bytes)).toBe(true);

    const again = await gateway(open, { type: 'initiateFileUpload', size: 3000, hashAlg: 'sha1', hash });
    expect(again.json()).toEqual({ type: 'initiateFileUpload', alreadyExists: true });
  });

  it('refuses a finalize whose bytes do not match, keeping nothing', async () => {
    const bytes = randomBytes(1000);
    const hash = createHash('sha1').update(bytes).digest('hex');
    const { signedUploadUrl, objectKey } = (
      await gateway(open, { type: 'initiateFileUpload', size: 1000, hashAlg: 'sha1', hash })
    ).json();
    await open.app.inject({ method: 'PUT', url: new URL(signedUploadUrl).pathname, payload: randomBytes(1000) });
    const finalized = await gateway(open, { type: 'finalizeFileUpload', objectKey, hashAlg: 'sha1', hash, size: 1000 });
    expect(finalized.statusCode).toBe(422);
    expect(finalized.json().code).toBe('HASH_MISMATCH');
    expect((await gateway(open, { type: 'findFile', hashAlg: 'sha1', hash })).json()).toEqual({
      type: 'findFile',
      found: false,
    });
  });

  it('answers findFile without a signature in a public-download zone', async () => {
    const res = await gateway(open, { type: 'findFile', hashAlg: 'sha1', hash: 'a'.repeat(40) }, null);
    expect(res.json()).toEqual({ type: 'findFile', found: false });
    const upload = await gateway(
      open,
      { type: 'initiateFileUpload', size: 1, hashAlg: 'sha1', hash: 'a'.repeat(40) },
      null,
    );
    expect(upload.statusCode).toBe(401);
  });

  it('registers a client through the link kachery-cloud-init prints, then describes it', async () => {
    const fresh = createKeyPair();
    const signature = signPayload({ type: 'addClient' }, fresh.privateKey);
    const before = await gateway(open, { type: 'getClientInfo', clientId: fresh.publicKey });
    expect(before.json()).toEqual({ type: 'getClientInfo', found: false });
    const link = `/registerClient/${fresh.publicKey}?signature=${signature}&zone=${open.zoneName}&label=my%20laptop`;
    const registered = await open.app.inject({ method: 'GET', url: link });
    expect(registered.statusCode).toBe(200);
    expect(registered.body).toContain(`Client ${fresh.publicKey} (my laptop) is registered`);
    const after = await gateway(open, { type: 'getClientInfo', clientId: fresh.publicKey });
    expect(after.json()).toEqual({
      type: 'getClientInfo',
      found: true,
      client: { clientId: fresh.publicKey, ownerId: 'local', timestampCreated: expect.any(Number), label: 'my laptop' },
    });
    const page = await open.app.inject({ method: 'GET', url: `/client/${fresh.publicKey}?zone=${open.zoneName}` });
    expect(page.body).toContain('Owner: local');
    const viaTrailingSlash = await open.app.inject({
      method: 'POST',
      url: '//api/gateway',
      payload: JSON.stringify({ payload: { type: 'getZoneInfo', timestamp: Date.now(), zoneName: open.zoneName } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(viaTrailingSlash.json()).toMatchObject({ type: 'getZoneInfo', found: true });
    const forged = await open.app.inject({
      method: 'GET',
      url: link.replace(signature, signPayload({ type: 'addClient' }, keys.privateKey)),
    });
    expect(forged.statusCode).toBe(401);
  });

  it('keeps deleteFile disabled, as the original gateway does', async () => {
    const res = await gateway(open, { type: 'deleteFile', hashAlg: 'sha1', hash: 'b'.repeat(40) });
    expect(res.json()).toEqual({ type: 'deleteFile', success: false, error: 'This operation has been disabled' });
  });
});

describe('kachery-gateway dialect in a closed zone', () => {
  it('tells an unregistered client it is not registered in that zone', async () => {
    const res = await gateway(closed, { type: 'findFile', hashAlg: 'sha1', hash: 'c'.repeat(40) });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain(`client ${keys.publicKey} is not registered in zone "${closed.zoneName}"`);
  });

  it('lets a registered client with upload rights store and find files; registration links are refused', async () => {
    const owner = `user-${keys.publicKey.slice(0, 8)}`;
    await closed.context.identities.addClient({
      zoneName: closed.zoneName,
      clientId: keys.publicKey,
      ownerId: owner,
      label: 'ci',
    });
    const refused = await gateway(closed, {
      type: 'initiateFileUpload',
      size: 10,
      hashAlg: 'sha1',
      hash: 'd'.repeat(40),
    });
    expect(refused.statusCode).toBe(403);
    await closed.context.identities.setMember({
      zoneName: closed.zoneName,
      userId: owner,
      canUpload: true,
      canDownload: true,
      isAdmin: false,
    });
    const { hash, finalized } = await storeThroughGateway(closed, randomBytes(500));
    expect(finalized.statusCode).toBe(200);
    expect((await gateway(closed, { type: 'findFile', hashAlg: 'sha1', hash })).json().found).toBe(true);

    const stranger = createKeyPair();
    const link = `/registerClient/${stranger.publicKey}?signature=${signPayload({ type: 'addClient' }, stranger.privateKey)}&zone=${closed.zoneName}`;
    const registration = await closed.app.inject({ method: 'GET', url: link });
    expect(registration.statusCode).toBe(403);
    expect(registration.json().message).toContain('figurl zone add-client');
  });
});

describe('signed-request checks (G13)', () => {
  const payload = () => ({
    type: 'findFile',
    timestamp: Date.now(),
    zone: open.zoneName,
    hashAlg: 'sha1',
    hash: 'e'.repeat(40),
  });
  const send = (body: unknown) =>
    open.app.inject({
      method: 'POST',
      url: '/api/gateway',
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('refuses a replayed state-changing request', async () => {
    const p = {
      type: 'initiateFileUpload',
      timestamp: Date.now(),
      zone: open.zoneName,
      size: 5,
      hashAlg: 'sha1',
      hash: randomBytes(20).toString('hex'),
    };
    const body = signEnvelope(p, keys);
    expect((await send(body)).statusCode).toBe(200);
    const replay = await send(body);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().message).toContain('replayed request');
  });

  it('answers identical reads sent together, as parallel workers of one client do', async () => {
    const p = payload();
    const body = signEnvelope(p, keys);
    const answers = await Promise.all(Array.from({ length: 8 }, () => send(body)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(200));
  });

  it('refuses timestamps outside ±120 s, naming the skew', async () => {
    for (const skew of [-121_000, 121_000, -86_400_000]) {
      const p = { ...payload(), timestamp: Date.now() + skew };
      const res = await send(signEnvelope(p, keys));
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toMatch(/s from the zone's clock: expected within ±120 s/);
    }
  });

  it('refuses tampered payloads, signatures and keys', async () => {
    const p = payload();
    const signature = signPayload(p, keys.privateKey);
    const tampered = [
      { payload: { ...p, hash: 'f'.repeat(40) }, fromClientId: keys.publicKey, signature },
      { payload: p, fromClientId: createKeyPair().publicKey, signature },
      {
        payload: p,
        fromClientId: keys.publicKey,
        signature: `${signature.slice(0, 127)}${signature[127] === '0' ? '1' : '0'}`,
      },
    ];
    for (const body of tampered) {
      const res = await send(body);
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toContain('invalid signature');
    }
  });

  it('refuses malformed bodies with 400 in the one error shape', async () => {
    const bad = [
      ['{not json', 'invalid JSON'],
      [JSON.stringify({ payload: { ...payload(), extra: 1 } }), 'unexpected field "extra"'],
      [JSON.stringify({ payload: { ...payload(), hash: 'XYZ' } }), 'payload.hash "XYZ"'],
      [JSON.stringify([]), 'invalid gateway request'],
    ] as const;
    for (const [body, message] of bad) {
      const res = await open.app.inject({
        method: 'POST',
        url: '/api/gateway',
        payload: body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, code: 'INVALID_REQUEST', error: 'Bad Request' });
      expect(res.json().message).toContain(message);
    }
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const res = await open.app.inject({
      method: 'POST',
      url: '/api/gateway',
      payload: JSON.stringify({ payload: { pad: 'x'.repeat(2 << 20) } }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });
});
