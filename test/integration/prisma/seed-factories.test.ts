import { createHash } from 'node:crypto';
import {
  createTestApiToken,
  createTestBlob,
  createTestClient,
  createTestUser,
  createTestZone,
  createTestZoneMember,
} from '@figurl/prisma';
import { afterAll, describe, expect, test } from 'vitest';
import { createTestPrisma } from '../../support/database.js';

const prisma = createTestPrisma();
afterAll(() => prisma.$disconnect());

describe('seed factories on the shared test database', () => {
  test('create related rows with unique ids, also when called concurrently', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => createTestUser(prisma)));
    expect(new Set(users.map((user) => user.id)).size).toBe(5);

    const [owner, member] = users;
    if (owner === undefined || member === undefined) throw new Error('expected five users');
    const zone = await createTestZone(prisma, { ownerId: owner.id, allowPublicUpload: true });
    await createTestZoneMember(prisma, { zoneName: zone.name, userId: member.id, canUpload: true });
    const client = await createTestClient(prisma, { zoneName: zone.name, ownerId: member.id });
    expect(client.clientId).toMatch(/^[0-9a-f]{64}$/);

    const loaded = await prisma.zone.findUniqueOrThrow({
      where: { name: zone.name },
      include: { members: true, clients: true },
    });
    expect(loaded).toMatchObject({ ownerId: owner.id, allowPublicUpload: true });
    expect(loaded.members.map((m) => [m.userId, m.canUpload])).toEqual([[member.id, true]]);
    expect(loaded.clients.map((c) => c.clientId)).toEqual([client.clientId]);
  });

  test('blobs describe their content; tokens store only the hash of the secret', async () => {
    const content = Buffer.from(`figurl ${Date.now()} ${Math.random()}`);
    const blob = await createTestBlob(prisma, { content });
    expect(blob).toMatchObject({
      sha1: createHash('sha1').update(content).digest('hex'),
      sha256: createHash('sha256').update(content).digest('hex'),
      size: BigInt(content.length),
    });

    const user = await createTestUser(prisma);
    const { token, apiToken } = await createTestApiToken(prisma, { userId: user.id, scopes: ['upload'] });
    expect(apiToken.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(apiToken)).not.toContain(token);
    expect(apiToken.scopes).toEqual(['upload']);
  });
});
