import { uniqueId } from '@figurl/prisma';
import { createKeyPair, signEnvelope } from '@figurl/sdk';
import { createIdentityRepository } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let zone: TestZone;
beforeAll(async () => {
  zone = await createTestZoneApp({ open: false, publicDownload: false, identityCacheMs: 400 });
});
afterAll(() => zone.close());

describe('the identity cache', () => {
  const keys = createKeyPair();
  const findFile = () =>
    zone.app.inject({
      method: 'POST',
      url: '/api/gateway',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(
        signEnvelope(
          { type: 'findFile', timestamp: Date.now(), zone: zone.zoneName, hashAlg: 'sha1', hash: 'c'.repeat(40) },
          keys,
        ),
      ),
    });

  it('applies writes made through the zone at once', async () => {
    expect((await findFile()).statusCode).toBe(401);
    const owner = uniqueId('user');
    await zone.context.identities.addClient({
      zoneName: zone.zoneName,
      clientId: keys.publicKey,
      ownerId: owner,
      label: 'x',
    });
    await zone.context.identities.setMember({
      zoneName: zone.zoneName,
      userId: owner,
      canUpload: false,
      canDownload: true,
      isAdmin: false,
    });
    expect((await findFile()).json()).toEqual({ type: 'findFile', found: false });
  });

  it('applies writes made elsewhere within its time to live', async () => {
    const stranger = createKeyPair();
    // Another replica, or an admin command: a repository that does not share the cache.
    const other = createIdentityRepository(zone.prisma);
    const ask = () => zone.context.identities.findClient(zone.zoneName, stranger.publicKey);
    expect(await ask()).toBeNull();
    await other.addClient({
      zoneName: zone.zoneName,
      clientId: stranger.publicKey,
      ownerId: uniqueId('user'),
      label: 'y',
    });
    // Remembered as absent until the entry expires…
    expect(await ask()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // …then read again.
    expect(await ask()).toMatchObject({ clientId: stranger.publicKey, label: 'y' });
  });
});
