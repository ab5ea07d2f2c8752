import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiToken, Blob, Client, Prisma, PrismaClient, User, Zone, ZoneMember } from '../generated/client.js';

/*
 * Row factories for tests. Every id is unique per call, so test files can share one database and
 * run in parallel without truncating tables; pass overrides for the fields a test cares about.
 */

/**
 * A unique, readable id.
 *
 * @example
 * uniqueId('user'); // 'user-3f9c2a1b'
 */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * @example
 * const alice = await createTestUser(prisma, { name: 'Alice' });
 */
export function createTestUser(
  prisma: PrismaClient,
  overrides: Partial<Prisma.UserUncheckedCreateInput> = {},
): Promise<User> {
  return prisma.user.create({ data: { id: uniqueId('user'), ...overrides } });
}

/**
 * A blob row whose hashes and size describe `content` (random bytes by default).
 *
 * @example
 * const blob = await createTestBlob(prisma, { content: Buffer.from('hello') });
 */
export function createTestBlob(
  prisma: PrismaClient,
  { content = randomBytes(32), ...overrides }: Partial<Prisma.BlobCreateInput> & { content?: Buffer } = {},
): Promise<Blob> {
  const sha1 = createHash('sha1').update(content).digest('hex');
  const sha256 = createHash('sha256').update(content).digest('hex');
  return prisma.blob.create({ data: { sha1, sha256, size: BigInt(content.length), ...overrides } });
}

/**
 * @example
 * const zone = await createTestZone(prisma, { ownerId: alice.id, allowPublicUpload: true });
 */
export function createTestZone(
  prisma: PrismaClient,
  overrides: Partial<Prisma.ZoneUncheckedCreateInput> = {},
): Promise<Zone> {
  return prisma.zone.create({ data: { name: uniqueId('zone'), ...overrides } });
}

/**
 * @example
 * await createTestZoneMember(prisma, { zoneName: zone.name, userId: alice.id, canUpload: true });
 */
export function createTestZoneMember(
  prisma: PrismaClient,
  data: Prisma.ZoneMemberUncheckedCreateInput,
): Promise<ZoneMember> {
  return prisma.zoneMember.create({ data });
}

/**
 * A client registered in `zoneName`, owned by `ownerId`, with a random 64-hex-digit id.
 *
 * @example
 * const client = await createTestClient(prisma, { zoneName: zone.name, ownerId: alice.id });
 */
export function createTestClient(
  prisma: PrismaClient,
  {
    zoneName,
    ownerId,
    ...overrides
  }: Pick<Prisma.ClientUncheckedCreateInput, 'zoneName' | 'ownerId'> & Partial<Prisma.ClientUncheckedCreateInput>,
): Promise<Client> {
  const clientId = randomBytes(32).toString('hex');
  return prisma.client.create({ data: { zoneName, ownerId, clientId, label: uniqueId('client'), ...overrides } });
}

/**
 * An API token for `userId`; returns the row and the secret token, whose SHA-256 the row stores.
 *
 * @example
 * const { token, apiToken } = await createTestApiToken(prisma, { userId: alice.id, scopes: ['upload'] });
 */
export async function createTestApiToken(
  prisma: PrismaClient,
  {
    userId,
    ...overrides
  }: Pick<Prisma.ApiTokenUncheckedCreateInput, 'userId'> & Partial<Prisma.ApiTokenUncheckedCreateInput>,
): Promise<{ token: string; apiToken: ApiToken }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const apiToken = await prisma.apiToken.create({
    data: { userId, tokenHash, label: uniqueId('token'), ...overrides },
  });
  return { token, apiToken };
}
