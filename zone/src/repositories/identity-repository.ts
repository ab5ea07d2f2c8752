import type { PrismaClient } from '@figurl/prisma';

export interface ZoneSettings {
  name: string;
  allowPublicUpload: boolean;
  allowPublicDownload: boolean;
  members: Map<string, { canUpload: boolean; canDownload: boolean; isAdmin: boolean }>;
}

export interface ClientRecord {
  clientId: string;
  ownerId: string;
  label: string;
  createdAt: Date;
}

export interface TokenRecord {
  id: string;
  userId: string;
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface IdentityRepository {
  findZone(name: string): Promise<ZoneSettings | null>;
  /** Creates the zone with these settings when absent; an existing zone keeps its own. */
  ensureZone(name: string, settings: { allowPublicUpload: boolean; allowPublicDownload: boolean }): Promise<void>;
  /** Creates the zone or sets these settings on it. */
  setZone(name: string, settings: { allowPublicUpload: boolean; allowPublicDownload: boolean }): Promise<void>;
  findClient(zoneName: string, clientId: string): Promise<ClientRecord | null>;
  /** Registers a client key to a user in a zone (creating the user); re-registering updates the label. */
  addClient(input: { zoneName: string; clientId: string; ownerId: string; label: string }): Promise<ClientRecord>;
  findTokenByHash(tokenHash: string): Promise<TokenRecord | null>;
  createToken(input: {
    userId: string;
    tokenHash: string;
    label: string;
    scopes: string[];
    expiresAt?: Date;
  }): Promise<string>;
  revokeToken(id: string): Promise<boolean>;
  setMember(input: {
    zoneName: string;
    userId: string;
    canUpload: boolean;
    canDownload: boolean;
    isAdmin: boolean;
  }): Promise<void>;
}

export function createIdentityRepository(prisma: PrismaClient): IdentityRepository {
  const ensureUser = (id: string) =>
    prisma.user.upsert({ where: { id }, create: { id }, update: {}, select: { id: true } });
  return {
    async findZone(name) {
      const zone = await prisma.zone.findUnique({
        where: { name },
        select: {
          name: true,
          allowPublicUpload: true,
          allowPublicDownload: true,
          members: { select: { userId: true, canUpload: true, canDownload: true, isAdmin: true } },
        },
      });
      if (!zone) return null;
      const members = new Map(zone.members.map(({ userId, ...rights }) => [userId, rights]));
      return {
        name: zone.name,
        allowPublicUpload: zone.allowPublicUpload,
        allowPublicDownload: zone.allowPublicDownload,
        members,
      };
    },
    async ensureZone(name, settings) {
      await prisma.zone.upsert({ where: { name }, create: { name, ...settings }, update: {}, select: { name: true } });
    },
    async setZone(name, settings) {
      await prisma.zone.upsert({
        where: { name },
        create: { name, ...settings },
        update: settings,
        select: { name: true },
      });
    },
    async findClient(zoneName, clientId) {
      return prisma.client.findUnique({
        where: { zoneName_clientId: { zoneName, clientId } },
        select: { clientId: true, ownerId: true, label: true, createdAt: true },
      });
    },
    async addClient({ zoneName, clientId, ownerId, label }) {
      await ensureUser(ownerId);
      return prisma.client.upsert({
        where: { zoneName_clientId: { zoneName, clientId } },
        create: { zoneName, clientId, ownerId, label },
        update: { label },
        select: { clientId: true, ownerId: true, label: true, createdAt: true },
      });
    },
    async findTokenByHash(tokenHash) {
      return prisma.apiToken.findUnique({
        where: { tokenHash },
        select: { id: true, userId: true, scopes: true, expiresAt: true, revokedAt: true },
      });
    },
    async createToken({ userId, tokenHash, label, scopes, expiresAt }) {
      await ensureUser(userId);
      const token = await prisma.apiToken.create({
        data: { userId, tokenHash, label, scopes, expiresAt: expiresAt ?? null },
        select: { id: true },
      });
      return token.id;
    },
    async revokeToken(id) {
      const { count } = await prisma.apiToken.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      return count === 1;
    },
    async setMember({ zoneName, userId, ...rights }) {
      await ensureUser(userId);
      await prisma.zoneMember.upsert({
        where: { zoneName_userId: { zoneName, userId } },
        create: { zoneName, userId, ...rights },
        update: rights,
        select: { userId: true },
      });
    },
  };
}
