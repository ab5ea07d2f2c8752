import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPrismaClient } from '@figurl/prisma';
import { hashToken, newTokenText } from '../auth/resolve-token.js';
import { createIdentityRepository, type IdentityRepository } from '../repositories/identity-repository.js';

/** The file under the data folder that holds the shell's zone token (mode 0600). */
export const shellTokenFileName = 'shell-zone-token';
/** The service user the token belongs to; signed-in users' requests are theirs, not its. */
export const shellServiceUser = 'figurl-shell';
const shellTokenScopes = ['upload', 'download', 'delegate'];

/**
 * The zone token `figurl up` gives its shell when FIGURL_ZONE_TOKEN is unset: owned by the
 * service user `figurl-shell`, scopes upload, download and delegate, so the shell can act for
 * its signed-in users (`x-figurl-acting-for`). Kept in `<dataDir>/shell-zone-token` and reused
 * while the zone still knows it (current, unrevoked, same owner and scopes); otherwise a new one
 * is made and the file replaced. The service user gets no rights of its own.
 *
 * @example
 * const token = await ensureShellToken({ databaseUrl: zone.databaseUrl, dataDir: config.dataDir });
 */
export async function ensureShellToken(options: { databaseUrl: string; dataDir: string }): Promise<string> {
  const path = join(options.dataDir, shellTokenFileName);
  const prisma = createPrismaClient({ databaseUrl: options.databaseUrl, max: 1 });
  try {
    const identities = createIdentityRepository(prisma);
    const kept = await readToken(path);
    if (kept !== undefined && (await isUsable(identities, kept))) return kept;
    const token = newTokenText();
    await identities.createToken({
      userId: shellServiceUser,
      tokenHash: hashToken(token),
      label: 'figurl up: the shell, acting for its signed-in users',
      scopes: shellTokenScopes,
    });
    await mkdir(options.dataDir, { recursive: true });
    // Written aside, then renamed into place: the file is whole or absent.
    const draft = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(draft, token, { mode: 0o600 });
      await rename(draft, path);
    } finally {
      await rm(draft, { force: true });
    }
    return token;
  } finally {
    await prisma.$disconnect();
  }
}

async function readToken(path: string): Promise<string | undefined> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return /^fzt_[A-Za-z0-9_-]{43}$/.test(text) ? text : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function isUsable(identities: IdentityRepository, token: string): Promise<boolean> {
  const record = await identities.findTokenByHash(hashToken(token));
  if (record === null || record.revokedAt !== null || record.userId !== shellServiceUser) return false;
  if (record.expiresAt !== null && record.expiresAt <= new Date()) return false;
  return shellTokenScopes.every((scope) => record.scopes.includes(scope));
}
