import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLifecycleZone, type LifecycleUser, type LifecycleZone } from '../../support/lifecycle-zone.js';

let zone: LifecycleZone;
let open: LifecycleZone;
beforeAll(async () => {
  [zone, open] = await Promise.all([createLifecycleZone(), createLifecycleZone({ open: true })]);
});
afterAll(async () => {
  await Promise.all([zone?.close(), open?.close()]);
});

const app = () => (zone.replicas[0] as LifecycleZone['replicas'][number]).app;

function pin(user: LifecycleUser | undefined, sha1: string, payload: object = {}, z: LifecycleZone = zone) {
  return (z.replicas[0] as LifecycleZone['replicas'][number]).app.inject({
    method: 'POST',
    url: `/api/v1/pins/${sha1}?zone=${z.zoneName}`,
    headers: user?.headers ?? {},
    payload,
  });
}
function unpin(user: LifecycleUser | undefined, sha1: string, z: LifecycleZone = zone) {
  return (z.replicas[0] as LifecycleZone['replicas'][number]).app.inject({
    method: 'DELETE',
    url: `/api/v1/pins/${sha1}?zone=${z.zoneName}`,
    headers: user?.headers ?? {},
  });
}
function list(user: LifecycleUser | undefined, query = '') {
  return app().inject({
    method: 'GET',
    url: `/api/v1/pins?zone=${zone.zoneName}${query}`,
    headers: user?.headers ?? {},
  });
}

describe('pins', () => {
  it('an upload pins its blob for the uploader; pin, list, unpin work on your own pins only', async () => {
    const alice = await zone.createUser();
    const bob = await zone.createUser();
    const { sha1 } = await zone.store(randomBytes(300), { user: alice });

    const listed = await list(alice);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().pins).toEqual([
      { sha1, user: alice.id, expiresAt: null, createdAt: expect.any(String), stored: true },
    ]);
    expect(listed.json().next).toBeNull();

    // Bob pins what Alice stored; a second pin with an expiry replaces his first.
    const pinned = await pin(bob, sha1);
    expect(pinned.statusCode, pinned.body).toBe(200);
    expect(pinned.json()).toMatchObject({ sha1, user: bob.id, expiresAt: null, stored: true });
    const scratch = await pin(bob, sha1, { expiresInSeconds: 7200 });
    const expiresAt = Date.parse(scratch.json().expiresAt);
    expect(expiresAt - Date.now()).toBeGreaterThan(7100_000);
    expect(expiresAt - Date.now()).toBeLessThan(7300_000);

    // Bob has no pin of his own to drop after unpinning; Alice's stays.
    expect((await unpin(bob, sha1)).json()).toEqual({ sha1, user: bob.id, unpinned: true });
    const again = await unpin(bob, sha1);
    expect(again.statusCode).toBe(404);
    expect(again.json().message).toBe(`user "${bob.id}" has no pin of sha1://${sha1}`);
    expect((await list(alice)).json().pins).toHaveLength(1);
    expect((await list(bob)).json().pins).toEqual([]);
  });

  it('pages through pins in sha1 order', async () => {
    const carol = await zone.createUser();
    const stored = await Promise.all([1, 2, 3].map(() => zone.store(randomBytes(100), { user: carol })));
    const sorted = stored.map((s) => s.sha1).sort();
    const first = (await list(carol, '&limit=2')).json();
    expect(first.pins.map((p: { sha1: string }) => p.sha1)).toEqual(sorted.slice(0, 2));
    expect(first.next).toBe(sorted[1]);
    const second = (await list(carol, `&limit=2&after=${first.next}`)).json();
    expect(second.pins.map((p: { sha1: string }) => p.sha1)).toEqual(sorted.slice(2));
    expect(second.next).toBeNull();
  });

  it('an initiated upload pins its content before the bytes arrive (stored: false)', async () => {
    const dave = await zone.createUser();
    const bytes = randomBytes(64);
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    const started = await app().inject({
      method: 'POST',
      url: `/api/v1/uploads?zone=${zone.zoneName}`,
      headers: dave.headers,
      payload: { sha1, size: 64, expiresInSeconds: 3600 },
    });
    expect(started.statusCode).toBe(201);
    const [entry] = (await list(dave)).json().pins;
    expect(entry).toMatchObject({ sha1, user: dave.id, stored: false });
    expect(Date.parse(entry.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
  });

  it('refuses what it cannot do, saying why', async () => {
    const erin = await zone.createUser();
    const { sha1 } = await zone.store(randomBytes(50), { user: erin });
    const unknown = 'f'.repeat(40);

    const missing = await pin(erin, unknown);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe(
      `no blob sha1://${unknown} in this zone: expected stored content (figurl store <file> stores and pins it)`,
    );
    const bad = await pin(erin, 'ABC');
    expect(bad.statusCode).toBe(400);
    const short = await pin(erin, sha1, { expiresInSeconds: 60 });
    expect(short.statusCode).toBe(400);
    expect(short.json().message).toContain('expected at least 3600 seconds (1 hour)');
    const long = await pin(erin, sha1, { expiresInSeconds: 400 * 86_400 });
    expect(long.json().message).toContain('expected at most 31536000 seconds (365 days)');
    const typo = await pin(erin, sha1, { expiresIn: 7200 });
    expect(typo.statusCode).toBe(400);

    // A closed zone: no credentials → 401; a user without the upload right → 403.
    expect((await pin(undefined, sha1)).statusCode).toBe(401);
    expect((await list(undefined)).statusCode).toBe(401);
    const outsider = await zone.createUser();
    await zone.replicas[0]?.context.identities.setMember({
      zoneName: zone.zoneName,
      userId: outsider.id,
      canUpload: false,
      canDownload: true,
      isAdmin: false,
    });
    const refused = await pin(outsider, sha1);
    expect(refused.statusCode).toBe(403);
    expect((await unpin(outsider, sha1)).statusCode).toBe(403);

    // Bad expiry on upload: refused before anything is recorded.
    const upload = await app().inject({
      method: 'POST',
      url: `/api/v1/uploads?zone=${zone.zoneName}`,
      headers: erin.headers,
      payload: { sha1: unknown, size: 1, expiresInSeconds: 10 },
    });
    expect(upload.statusCode).toBe(400);
    expect((await list(erin)).json().pins.map((p: { sha1: string }) => p.sha1)).toEqual([sha1]);
  });

  it('in an open zone anonymous uploads pin for "anonymous", and nobody anonymous may unpin them', async () => {
    const { sha1 } = await open.store(randomBytes(80));
    const pinned = await pin(undefined, sha1, {}, open);
    expect(pinned.statusCode, pinned.body).toBe(200);
    expect(pinned.json().user).toBe('anonymous');
    const refused = await unpin(undefined, sha1, open);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toBe(
      'managing pins needs credentials: expected a bearer token (pins of anonymous uploads are shared by everyone and stay)',
    );
    expect(await open.prisma.pin.count({ where: { sha1, userId: 'anonymous' } })).toBe(1);
  });
});
