import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sha1ObjectKey } from '@figurl/sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let zone: TestZone;
beforeAll(async () => {
  zone = await createTestZoneApp();
});
afterAll(() => zone.close());

async function store(bytes: Buffer): Promise<string> {
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const started = await zone.app.inject({
    method: 'POST',
    url: `/api/v1/uploads?zone=${zone.zoneName}`,
    payload: { sha1, size: bytes.length },
  });
  const { uploadId, uploadUrl } = started.json();
  await zone.app.inject({ method: 'PUT', url: new URL(uploadUrl).pathname, payload: bytes });
  expect(
    (await zone.app.inject({ method: 'POST', url: `/api/v1/uploads/${uploadId}/finalize`, payload: {} })).statusCode,
  ).toBe(200);
  return sha1;
}

describe('downloading a blob another replica collected', () => {
  test('a remembered row whose row and bytes are gone answers 404, not 503', async () => {
    const sha1 = await store(randomBytes(1000));
    const get = () => zone.app.inject({ method: 'GET', url: `/sha1/${sha1}?zone=${zone.zoneName}` });
    expect((await get()).statusCode).toBe(200);
    // As the collector of another replica would: the row, then the bytes; this replica's cache
    // still remembers the row.
    await zone.prisma.blob.delete({ where: { sha1 } });
    await rm(join(zone.bucketRoot, sha1ObjectKey(sha1)));
    const gone = await get();
    expect(gone.statusCode).toBe(404);
    expect(gone.json().message).toBe(`no blob sha1://${sha1} in this zone`);
  });

  test('a row whose bytes are missing is still reported as the zone’s fault (503)', async () => {
    const sha1 = await store(randomBytes(1000));
    await rm(join(zone.bucketRoot, sha1ObjectKey(sha1)));
    const broken = await zone.app.inject({ method: 'GET', url: `/sha1/${sha1}?zone=${zone.zoneName}` });
    expect(broken.statusCode).toBe(503);
    expect(broken.headers['retry-after']).toBeDefined();
  });
});
