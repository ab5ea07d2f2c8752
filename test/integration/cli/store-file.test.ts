import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZoneClient, FigurlError, type ZoneFetch } from '@figurl/sdk';
import { storeFile, type TransferProgress } from '@figurl/sdk/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeZone } from '../../unit/sdk/zone-client-fake-zone.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'figurl-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('storeFile', () => {
  it('hashes, uploads and finalizes a new file; sends nothing the second time', async () => {
    const zone = createFakeZone();
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch: zone.fetch });
    const path = join(dir, 'data.bin');
    const content = new Uint8Array(3_000_000).map((_, i) => i % 256);
    writeFileSync(path, content);
    const progress: TransferProgress[] = [];

    const first = await storeFile(client, path, { onProgress: (p) => progress.push(p) });
    expect(first).toEqual({
      sha1: createHash('sha1').update(content).digest('hex'),
      sha256: createHash('sha256').update(content).digest('hex'),
      size: 3_000_000,
      uploaded: true,
    });
    expect(Buffer.from(zone.bytes.get(first.sha1) ?? []).equals(content)).toBe(true);
    expect(progress.filter((p) => p.phase === 'hash').at(-1)).toEqual({
      phase: 'hash',
      bytes: 3_000_000,
      total: 3_000_000,
    });
    expect(progress.at(-1)).toEqual({ phase: 'upload', bytes: 3_000_000, total: 3_000_000 });

    const before = zone.requests.length;
    expect(await storeFile(client, path)).toEqual({ ...first, uploaded: false });
    expect(zone.requests.slice(before).map((r) => r.method)).toEqual(['POST']);
  });

  it('refuses to send a file that changed after it was hashed', async () => {
    const zone = createFakeZone();
    const path = join(dir, 'growing.txt');
    writeFileSync(path, 'test-content\n');
    // The file grows between initiate and the PUT, as a log file being written would.
    const fetch: ZoneFetch = async (url, init) => {
      const response = await zone.fetch(url, init);
      if (url.endsWith('/api/v1/uploads')) appendFileSync(path, 'more\n');
      return response;
    };
    const client = createZoneClient({ baseUrl: zone.baseUrl, fetch });
    const err = await storeFile(client, path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FigurlError);
    expect((err as FigurlError).message).toMatch(
      /grew to at least 18 bytes: expected exactly 13 \(did the file change/,
    );
    expect(zone.info.size).toBe(0);
  });
});
