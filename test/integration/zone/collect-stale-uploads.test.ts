import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha1ObjectKey } from '@figurl/sdk';
import { collectStaleUploads } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let clock = new Date('2026-11-21T12:00:00Z');
let zone: TestZone;
beforeAll(async () => {
  zone = await createTestZoneApp({ now: () => clock, uploadTtlMs: 60_000 });
});
afterAll(() => zone.close());

async function startUpload(bytes: Buffer, send: boolean) {
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const target = (
    await zone.app.inject({
      method: 'POST',
      url: `/api/v1/uploads?zone=${zone.zoneName}`,
      payload: { sha1, size: bytes.length },
    })
  ).json();
  if (send) await zone.app.inject({ method: 'PUT', url: new URL(target.uploadUrl).pathname, payload: bytes });
  return { sha1, uploadId: target.uploadId as string };
}

describe('collecting stale uploads', () => {
  it('removes expired targets and their staged bytes, keeps live ones and every blob', async () => {
    const finished = await startUpload(randomBytes(500), true);
    await zone.app.inject({ method: 'POST', url: `/api/v1/uploads/${finished.uploadId}/finalize`, payload: {} });
    const abandoned = await startUpload(randomBytes(700), true);
    const neverSent = await startUpload(randomBytes(300), false);
    expect(existsSync(join(zone.bucketRoot, 'staging', abandoned.uploadId))).toBe(true);

    // An orphan a crash could leave: staged bytes with no upload row, old enough to go.
    const orphan = join(zone.bucketRoot, 'staging', '00000000-0000-4000-8000-000000000000');
    await mkdir(join(zone.bucketRoot, 'staging'), { recursive: true });
    await writeFile(orphan, 'left over');
    const old = new Date(clock.getTime() - 3_600_000);
    await utimes(orphan, old, old);

    clock = new Date(clock.getTime() + 60_000 + 30_000 + 1);
    const live = await startUpload(randomBytes(200), true);

    const removed = await collectStaleUploads(zone.context.storage, { graceMs: 30_000 });
    expect(removed.uploads).toBeGreaterThanOrEqual(2);
    expect(removed.orphans).toBeGreaterThanOrEqual(1);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(join(zone.bucketRoot, 'staging', abandoned.uploadId))).toBe(false);
    expect(await zone.prisma.upload.findUnique({ where: { id: abandoned.uploadId } })).toBeNull();
    expect(await zone.prisma.upload.findUnique({ where: { id: neverSent.uploadId } })).toBeNull();

    expect(existsSync(join(zone.bucketRoot, 'staging', live.uploadId))).toBe(true);
    expect((await zone.prisma.upload.findUnique({ where: { id: live.uploadId } }))?.state).toBe('pending');
    expect(existsSync(join(zone.bucketRoot, sha1ObjectKey(finished.sha1)))).toBe(true);
    expect(await zone.prisma.upload.findUnique({ where: { id: finished.uploadId } })).not.toBeNull();

    const expired = await zone.app.inject({
      method: 'PUT',
      url: `/api/v1/uploads/${abandoned.uploadId}`,
      payload: Buffer.alloc(700),
    });
    expect(expired.statusCode).toBe(404);
  });
});
