import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueId } from '@figurl/prisma';
import { createCurationClient, createZoneClient } from '@figurl/sdk';
import { ensureShellToken, hashToken, shellServiceUser, shellTokenFileName } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabaseUrl } from '../../support/database.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

/*
 * The zone token `figurl up` gives its shell when FIGURL_ZONE_TOKEN is unset (app/server/run-up.ts):
 * made once, kept in the data folder, reused across restarts while the zone still honours it.
 */

let zone: TestZone;
let url: string;
let dataDir: string;

beforeAll(async () => {
  zone = await createTestZoneApp();
  url = await zone.app.listen({ host: '127.0.0.1', port: 0 });
  dataDir = await mkdtemp(join(tmpdir(), 'figurl-up-'));
});
afterAll(async () => {
  await zone?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const ensure = () => ensureShellToken({ databaseUrl: getDatabaseUrl(), dataDir });
const tokenFile = () => join(dataDir, shellTokenFileName);

describe('the shell token of figurl up', () => {
  it('acts for signed-in users, is kept private in the data folder, and is reused', async () => {
    const token = await ensure();
    expect(token).toMatch(/^fzt_[A-Za-z0-9_-]{43}$/);
    expect(await readFile(tokenFile(), 'utf8')).toBe(token);
    expect((await stat(tokenFile())).mode & 0o777).toBe(0o600);
    const row = await zone.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
    expect(row).toMatchObject({
      userId: shellServiceUser,
      scopes: ['upload', 'download', 'delegate'],
      revokedAt: null,
    });

    const user = uniqueId('alice').slice(0, 30);
    const asUser = createCurationClient(
      createZoneClient({ baseUrl: url, fetch, zone: zone.zoneName, token, actingFor: user }).connection,
    );
    expect((await asUser.create()).owner).toBe(user);

    // A restart finds the same token.
    expect(await ensure()).toBe(token);
  });

  it('makes a new one when the zone no longer honours the kept one, or the file is not a token', async () => {
    const first = await ensure();
    const row = await zone.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(first) } });
    await zone.context.identities.revokeToken(row.id);
    const second = await ensure();
    expect(second).not.toBe(first);
    expect(await readFile(tokenFile(), 'utf8')).toBe(second);

    await writeFile(tokenFile(), 'not a token');
    const third = await ensure();
    expect(third).not.toBe(second);
    expect(await ensure()).toBe(third);
  });
});
