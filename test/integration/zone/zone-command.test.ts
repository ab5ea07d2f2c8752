import { createHash, randomBytes } from 'node:crypto';
import { uniqueId } from '@figurl/prisma';
import { createKeyPair } from '@figurl/sdk';
import { runZoneCommand } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabaseUrl } from '../../support/database.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let zone: TestZone;
beforeAll(async () => {
  zone = await createTestZoneApp({ open: false, publicDownload: false });
});
afterAll(() => zone.close());

async function figurlZone(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runZoneCommand(argv, {
    env: { DATABASE_URL: getDatabaseUrl() },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

describe('figurl zone admin commands', () => {
  it('creates a scoped token that works, and revokes it', async () => {
    const login = uniqueId('ci');
    expect((await figurlZone('grant', login, '--zone', zone.zoneName, '--upload', '--download')).code).toBe(0);
    const created = await figurlZone(
      'token',
      'create',
      '--owner',
      login,
      '--scope',
      'upload,download',
      '--label',
      'ci',
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^fzt_[A-Za-z0-9_-]{43}$/);
    const tokenId = /token ([0-9a-f-]{36})/.exec(created.stderr)?.[1] ?? '';
    expect(await zone.prisma.apiToken.count({ where: { tokenHash: token } })).toBe(0);

    const bytes = randomBytes(100);
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    const initiate = (auth?: string) =>
      zone.app.inject({
        method: 'POST',
        url: `/api/v1/uploads?zone=${zone.zoneName}`,
        payload: { sha1, size: 100 },
        headers: auth ? { authorization: auth } : {},
      });
    expect((await initiate()).statusCode).toBe(401);
    expect((await initiate('Bearer fzt_wrong')).statusCode).toBe(401);
    expect((await initiate(`Bearer ${token}`)).statusCode).toBe(201);

    expect((await figurlZone('token', 'revoke', tokenId)).stdout).toContain(`revoked token ${tokenId}`);
    const revoked = await initiate(`Bearer ${token}`);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().message).toBe('invalid token: expected a current, unrevoked figurl token');
  });

  it('refuses a token whose scope does not cover the action', async () => {
    const login = uniqueId('reader');
    await figurlZone('grant', login, '--zone', zone.zoneName, '--upload', '--download');
    const token = (await figurlZone('token', 'create', '--owner', login, '--scope', 'download')).stdout.trim();
    const res = await zone.app.inject({
      method: 'POST',
      url: `/api/v1/uploads?zone=${zone.zoneName}`,
      payload: { sha1: 'a'.repeat(40), size: 1 },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('expected a token with scope "upload"');
  });

  it('registers a client key for a user in a zone', async () => {
    const { publicKey } = createKeyPair();
    const login = uniqueId('lab');
    const res = await figurlZone(
      'add-client',
      publicKey,
      '--owner',
      login,
      '--zone',
      zone.zoneName,
      '--label',
      'lab server',
    );
    expect(res).toMatchObject({
      code: 0,
      stdout: `registered client ${publicKey} in zone ${zone.zoneName} for user ${login}\n`,
    });
    expect(await zone.context.identities.findClient(zone.zoneName, publicKey)).toMatchObject({
      ownerId: login,
      label: 'lab server',
    });
  });

  it('rejects bad arguments with messages naming them', async () => {
    await expect(figurlZone('add-client', 'abc', '--owner', 'x')).rejects.toThrow(
      'invalid client ID: value "abc": expected 64 lowercase hex characters',
    );
    await expect(figurlZone('token', 'create', '--owner', 'x', '--scope', 'everything')).rejects.toThrow('--scope');
    await expect(figurlZone('frobnicate')).rejects.toThrow('unknown command "figurl zone frobnicate"');
    await expect(
      figurlZone('add-client', createKeyPair().publicKey, '--owner', 'x', '--zone', uniqueId('nozone')),
    ).rejects.toThrow('no zone');
  });

  it('reports usage per user and day', async () => {
    const user = uniqueId('user');
    await zone.context.storage.usage.record(
      { zoneName: zone.zoneName, userId: user, uploadCount: 2, uploadBytes: 300 },
      new Date('2026-11-20T10:00:00Z'),
    );
    await zone.context.storage.usage.record(
      { zoneName: zone.zoneName, userId: user, downloadCount: 1, downloadBytes: 50 },
      new Date('2026-11-20T23:00:00Z'),
    );
    const res = await figurlZone('usage', '--zone', zone.zoneName, '--from', '2026-11-20', '--to', '2026-11-20');
    expect(res.code).toBe(0);
    const rows = res.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows.filter((r) => r.userId === user)).toEqual([
      {
        day: '2026-11-20',
        zoneName: zone.zoneName,
        userId: user,
        uploadCount: 2,
        uploadBytes: 300,
        downloadCount: 1,
        downloadBytes: 50,
      },
    ]);
    await expect(figurlZone('usage', '--from', 'yesterday')).rejects.toThrow('expected a date like 2026-11-21');

    const url = `/api/v1/usage?zone=${zone.zoneName}&from=2026-11-20&to=2026-11-20`;
    expect((await zone.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const admin = uniqueId('admin');
    await figurlZone('grant', admin, '--zone', zone.zoneName, '--admin');
    const adminToken = (await figurlZone('token', 'create', '--owner', admin, '--scope', 'admin')).stdout.trim();
    const answer = await zone.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${adminToken}` } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().days.filter((r: { userId: string }) => r.userId === user)).toHaveLength(1);
    const uploader = uniqueId('uploader');
    await figurlZone('grant', uploader, '--zone', zone.zoneName, '--upload');
    const uploaderToken = (await figurlZone('token', 'create', '--owner', uploader, '--scope', 'upload')).stdout.trim();
    expect(
      (await zone.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${uploaderToken}` } })).statusCode,
    ).toBe(403);
  });
});
