import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseZoneConfig } from '@figurl/zone';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadUrlSecret } from '../../../zone/src/auth/load-url-secret.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'figurl-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the key of signed blob URLs', () => {
  it('is made once in the data folder, private to the zone, and kept', async () => {
    const dataDir = join(dir, 'data');
    const first = await loadUrlSecret(dataDir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dataDir, 'url-secret'), 'utf8')).toBe(first);
    expect(statSync(join(dataDir, 'url-secret')).mode & 0o777).toBe(0o600);
    expect(await loadUrlSecret(dataDir)).toBe(first);
  });

  it('is the same for zones starting together on one data folder', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => loadUrlSecret(dir)));
    expect(new Set(secrets).size).toBe(1);
  });

  it('refuses a file that does not hold one', async () => {
    writeFileSync(join(dir, 'url-secret'), 'not a secret');
    await expect(loadUrlSecret(dir)).rejects.toThrow(
      /does not hold a URL secret: expected 64 lowercase hex characters/,
    );
  });

  it('comes from FIGURL_URL_SECRET when set, which is checked without being echoed', () => {
    const secret = 'k'.repeat(40);
    expect(parseZoneConfig({ FIGURL_URL_SECRET: secret }).urlSecret).toBe(secret);
    expect(parseZoneConfig({ FIGURL_URL_SECRET: '' }).urlSecret).toBeUndefined();
    expect(() => parseZoneConfig({ FIGURL_URL_SECRET: 'short-secret' })).toThrow(
      'invalid environment: FIGURL_URL_SECRET (value not shown): expected at least 32 characters without spaces',
    );
    try {
      parseZoneConfig({ FIGURL_URL_SECRET: 'short-secret' });
    } catch (err) {
      expect((err as Error).message).not.toContain('short-secret');
    }
  });
});
