import { randomBytes } from 'node:crypto';
import { createKeyPair, signEnvelope } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenUser, storeBlob, storeJson, type TestUser } from '../../support/figure-fixtures.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * The private-data rule (docs/protocol.md §7): a blob that a live private figure refers to, and
 * no live public figure, is served only to those figures' owners, allowed users and zone admins,
 * or through a signed link.
 */

let zone: TestZone;
let clock = Date.now();
let owner: TestUser;
let friend: TestUser;
let stranger: TestUser;
let admin: TestUser;
/** The private figure's data (JSON) and a blob it refers to. */
let data: string;
let inner: string;
const innerBytes = randomBytes(5000);

beforeAll(async () => {
  zone = await createTestZoneApp({ now: () => new Date(clock) });
  owner = await createTokenUser(zone);
  friend = await createTokenUser(zone);
  stranger = await createTokenUser(zone);
  admin = await createTokenUser(zone);
  await zone.context.identities.setMember({
    zoneName: zone.zoneName,
    userId: admin.id,
    canUpload: true,
    canDownload: true,
    isAdmin: true,
  });
  inner = await storeBlob(zone, innerBytes);
  data = await storeJson(zone, { spikes: `sha1://${inner}` });
  const res = await register(owner, { dataUri: `sha1://${data}`, private: true, allowedUsers: [friend.id] });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => zone.close());

function register(user: TestUser, body: Record<string, unknown>) {
  return zone.app.inject({
    method: 'POST',
    url: `/api/v1/figures?zone=${zone.zoneName}`,
    headers: user.headers,
    payload: { viewUri: 'gs://figurl/vegalite-2', label: 'private data', ...body },
  });
}

function download(hash: string, user: TestUser | null, method: 'GET' | 'HEAD' = 'GET', extra = '') {
  return zone.app.inject({
    method,
    url: `/sha1/${hash}?zone=${zone.zoneName}${extra}`,
    headers: user?.headers ?? {},
  });
}

function describeBlob(hash: string, user: TestUser | null) {
  return zone.app.inject({
    method: 'GET',
    url: `/api/v1/blobs/${hash}?zone=${zone.zoneName}`,
    headers: user?.headers ?? {},
  });
}

function signedUrl(hash: string, user: TestUser | null, body: Record<string, unknown> = {}) {
  return zone.app.inject({
    method: 'POST',
    url: `/api/v1/blobs/${hash}/signed-url?zone=${zone.zoneName}`,
    headers: user?.headers ?? {},
    payload: body,
  });
}

/** Path and query of an absolute URL the zone answered with. */
const local = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

describe('who may download a private figure’s blobs', () => {
  it('follows the access matrix on every download route, for the data and the blobs it refers to', async () => {
    const expected: Array<[string, TestUser | null, number]> = [
      ['anonymous', null, 401],
      ['another user', stranger, 403],
      ['an allowed user', friend, 200],
      ['the owner', owner, 200],
      ['a zone admin', admin, 200],
    ];
    for (const hash of [data, inner]) {
      for (const [who, user, status] of expected) {
        const get = await download(hash, user);
        expect(get.statusCode, `GET ${who}`).toBe(status);
        expect((await download(hash, user, 'HEAD')).statusCode, `HEAD ${who}`).toBe(status);
        expect((await describeBlob(hash, user)).statusCode, `describe ${who}`).toBe(status);
        if (status === 200) {
          expect(get.headers['cache-control']).toBe('private, max-age=3600');
        } else {
          expect(get.json().code).toBe(status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN');
          expect(get.json().message).toContain(`sha1://${hash}`);
          expect(get.json().message).toContain('private figure');
        }
      }
    }
    expect((await download(inner, owner)).rawPayload.equals(innerBytes)).toBe(true);
  });

  it('refuses a token of the owner that is not meant for downloads', async () => {
    const uploadOnly = await createTokenUser(zone, { id: owner.id, scopes: ['upload'] });
    const res = await download(inner, uploadOnly);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('with a token of scope "download"');
  });

  it('leaves other blobs public, with public caching, as before', async () => {
    const plain = await storeBlob(zone, randomBytes(100));
    const res = await download(plain, null);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('opens a blob up while a live public figure refers to it, and closes it when that figure goes', async () => {
    const shared = await storeBlob(zone, randomBytes(300));
    const privateOne = await register(owner, { dataUri: `sha1://${shared}`, private: true });
    expect((await download(shared, null)).statusCode).toBe(401);
    const publicOne = await register(owner, { dataUri: `sha1://${shared}` });
    expect(publicOne.statusCode).toBe(201);
    expect((await download(shared, null)).statusCode).toBe(200);
    await zone.app.inject({
      method: 'DELETE',
      url: `/api/v1/figures/${publicOne.json().figure.id}?zone=${zone.zoneName}`,
      headers: owner.headers,
    });
    expect((await download(shared, null)).statusCode).toBe(401);
    const opened = await zone.app.inject({
      method: 'PATCH',
      url: `/api/v1/figures/${privateOne.json().figure.id}?zone=${zone.zoneName}`,
      headers: owner.headers,
      payload: { private: false },
    });
    expect(opened.statusCode).toBe(200);
    expect((await download(shared, null)).statusCode).toBe(200);
  });

  it('frees the blobs of an expired private figure', async () => {
    const fleeting = await storeBlob(zone, randomBytes(300));
    const res = await register(owner, {
      dataUri: `sha1://${fleeting}`,
      private: true,
      expiresAt: new Date(clock + 60_000).toISOString(),
    });
    expect(res.statusCode).toBe(201);
    expect((await download(fleeting, null)).statusCode).toBe(401);
    clock += 61_000;
    expect((await download(fleeting, null)).statusCode).toBe(200);
  });

  it('does not let others register figures over data they may not read', async () => {
    for (const isPrivate of [false, true]) {
      const res = await register(stranger, { dataUri: `sha1://${inner}`, private: isPrivate });
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toContain(`may not read sha1://${inner}`);
    }
    // Nor by wrapping it in JSON of their own.
    const wrapper = await storeJson(zone, { steal: `sha1://${inner}` });
    expect((await register(stranger, { dataUri: `sha1://${wrapper}` })).statusCode).toBe(403);
    expect((await download(inner, null)).statusCode).toBe(401);
    // The allowed user may publish a figure of it.
    expect((await register(friend, { dataUri: `sha1://${inner}`, private: true })).statusCode).toBe(201);
  });

  it('restricts nothing once the private figure is deleted', async () => {
    const lone = await storeBlob(zone, randomBytes(300));
    const res = await register(owner, { dataUri: `sha1://${lone}`, private: true });
    expect((await download(lone, null)).statusCode).toBe(401);
    await zone.app.inject({
      method: 'DELETE',
      url: `/api/v1/figures/${res.json().figure.id}?zone=${zone.zoneName}`,
      headers: owner.headers,
    });
    expect((await download(lone, null)).statusCode).toBe(200);
  });
});

describe('the access cache', () => {
  it('applies figure writes of this replica at once, and of another replica within its TTL', async () => {
    const other = await createTestZoneApp({ blobAccessCacheMs: 400 });
    const uncached = await createTestZoneApp({ blobAccessCacheMs: 0 });
    try {
      const hash = await storeBlob(zone, randomBytes(200));
      // Describing needs only the blob row, which every replica shares (the bytes are in zone's bucket).
      const describeOn = (replica: TestZone) =>
        replica.app.inject({ method: 'GET', url: `/api/v1/blobs/${hash}?zone=${zone.zoneName}` });
      expect((await describeOn(other)).statusCode).toBe(200);
      expect((await describeOn(zone)).statusCode).toBe(200);
      const res = await register(owner, { dataUri: `sha1://${hash}`, private: true });
      expect(res.statusCode).toBe(201);
      expect((await describeOn(zone)).statusCode).toBe(401);
      expect((await describeOn(uncached)).statusCode).toBe(401);
      // The other replica answered "public" a moment ago and may repeat it for up to 400 ms.
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect((await describeOn(other)).statusCode).toBe(401);
    } finally {
      await other.close();
      await uncached.close();
    }
  });
});

describe('signed links', () => {
  it('are made for those who may read, and download without credentials, ranges included', async () => {
    const res = await signedUrl(inner, friend);
    expect(res.statusCode, res.body).toBe(200);
    const { url, expiresAt } = res.json();
    const expires = Math.floor(clock / 1000) + 3600;
    expect(url).toMatch(
      new RegExp(
        `^http://zone\\.test/sha1/${inner}\\?zone=${zone.zoneName}&expires=${expires}&signature=[0-9a-f]{64}$`,
      ),
    );
    expect(expiresAt).toBe(new Date(expires * 1000).toISOString());
    const got = await zone.app.inject({ method: 'GET', url: local(url) });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(innerBytes)).toBe(true);
    expect(got.headers['cache-control']).toBe('private, max-age=3600');
    const range = await zone.app.inject({ method: 'GET', url: local(url), headers: { range: 'bytes=10-19' } });
    expect(range.statusCode).toBe(206);
    expect(range.rawPayload.equals(innerBytes.subarray(10, 20))).toBe(true);
    expect((await zone.app.inject({ method: 'HEAD', url: local(url) })).statusCode).toBe(200);
  });

  it('are refused to those who may not read, and bounded in time', async () => {
    expect((await signedUrl(inner, null)).statusCode).toBe(401);
    expect((await signedUrl(inner, stranger)).statusCode).toBe(403);
    expect((await signedUrl(randomBytes(20).toString('hex'), owner)).statusCode).toBe(404);
    const tooLong = await signedUrl(inner, owner, { expiresInSeconds: 7 * 24 * 3600 + 1 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().message).toContain('expected at most 604800 seconds (7 days)');
    const week = await signedUrl(inner, owner, { expiresInSeconds: 7 * 24 * 3600 });
    expect(Date.parse(week.json().expiresAt)).toBe((Math.floor(clock / 1000) + 7 * 24 * 3600) * 1000);
  });

  it('stop working when expired, tampered with, moved to another hash or zone, or half given', async () => {
    const { url } = (await signedUrl(inner, owner, { expiresInSeconds: 60 })).json();
    const path = local(url);
    const signature = new URL(url).searchParams.get('signature') as string;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;
    const other = await storeBlob(zone, randomBytes(64));
    const expires = new URL(url).searchParams.get('expires') as string;
    const cases: Array<[string, string, number, string]> = [
      ['tampered signature', path.replace(signature, flipped), 401, 'invalid signature'],
      [
        'later expiry',
        path.replace(`expires=${expires}`, `expires=${Number(expires) + 3600}`),
        401,
        'invalid signature',
      ],
      ['another hash', path.replace(inner, other), 401, 'invalid signature'],
      ['another zone', path.replace(`zone=${zone.zoneName}`, 'zone=default'), 401, 'invalid signature'],
      ['no signature', path.replace(/&signature=[0-9a-f]+/, ''), 400, 'expected both "expires" and "signature"'],
    ];
    for (const [what, target, status, message] of cases) {
      const res = await zone.app.inject({ method: 'GET', url: target });
      expect(res.statusCode, what).toBe(status);
      expect(res.json().message, what).toContain(message);
    }
    clock += 61_000;
    const expired = await zone.app.inject({ method: 'GET', url: path });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().message).toContain('expired at');
  });

  it('work for public blobs in a zone without public download, as a way to share them', async () => {
    const closed = await createTestZoneApp({ publicDownload: false });
    try {
      const user = await createTokenUser(closed);
      await closed.context.identities.setMember({
        zoneName: closed.zoneName,
        userId: user.id,
        canUpload: true,
        canDownload: true,
        isAdmin: false,
      });
      const hash = await storeBlob(closed, randomBytes(100));
      expect(
        (await closed.app.inject({ method: 'GET', url: `/sha1/${hash}?zone=${closed.zoneName}` })).statusCode,
      ).toBe(401);
      const made = await closed.app.inject({
        method: 'POST',
        url: `/api/v1/blobs/${hash}/signed-url?zone=${closed.zoneName}`,
        headers: user.headers,
        payload: {},
      });
      expect(made.statusCode).toBe(200);
      expect((await closed.app.inject({ method: 'GET', url: local(made.json().url) })).statusCode).toBe(200);
      // A link of another zone's key proves nothing here.
      expect((await zone.app.inject({ method: 'GET', url: local(made.json().url) })).statusCode).toBe(401);
    } finally {
      await closed.close();
    }
  });
});

describe('kachery-gateway findFile on a private blob', () => {
  async function findFile(signer: ReturnType<typeof createKeyPair> | null, hash: string) {
    const payload = { type: 'findFile', timestamp: clock, zone: zone.zoneName, hashAlg: 'sha1', hash };
    return zone.app.inject({
      method: 'POST',
      url: '/api/gateway',
      payload: JSON.stringify(signer ? signEnvelope(payload, signer) : { payload }),
      headers: { 'content-type': 'application/json' },
    });
  }

  it('answers its owner’s client with a signed URL that downloads, and refuses others', async () => {
    const ownersKey = createKeyPair();
    const strangersKey = createKeyPair();
    await zone.context.identities.addClient({
      zoneName: zone.zoneName,
      clientId: ownersKey.publicKey,
      ownerId: owner.id,
      label: 'laptop',
    });
    await zone.context.identities.addClient({
      zoneName: zone.zoneName,
      clientId: strangersKey.publicKey,
      ownerId: stranger.id,
      label: 'other laptop',
    });
    const found = await findFile(ownersKey, inner);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ type: 'findFile', found: true, size: innerBytes.length });
    expect(found.json().url).toMatch(/\?zone=.*&expires=\d+&signature=[0-9a-f]{64}$/);
    const bytes = await zone.app.inject({ method: 'GET', url: local(found.json().url) });
    expect(bytes.rawPayload.equals(innerBytes)).toBe(true);

    const refused = await findFile(strangersKey, inner);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('private figure');
    expect((await findFile(null, inner)).statusCode).toBe(401);
    expect((await findFile(createKeyPair(), inner)).statusCode).toBe(401);

    const plain = await storeBlob(zone, randomBytes(10));
    const open = await findFile(null, plain);
    expect(open.json().url).toBe(`http://zone.test/sha1/${plain}?zone=${encodeURIComponent(zone.zoneName)}`);
  });
});
