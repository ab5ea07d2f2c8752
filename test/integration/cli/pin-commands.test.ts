import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runZoneCommand } from '@figurl/zone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backdateBlobs, createLifecycleZone, type LifecycleZone } from '../../support/lifecycle-zone.js';
import { runCli } from '../../unit/cli/run-cli.js';

let zone: LifecycleZone;
let env: Record<string, string>;
let dir: string;

beforeAll(async () => {
  zone = await createLifecycleZone({ publicUrl: undefined });
  const url = await zone.replicas[0]?.app.listen({ host: '127.0.0.1', port: 0 });
  const user = await zone.createUser();
  dir = mkdtempSync(join(tmpdir(), 'figurl-pin-cli-'));
  env = {
    FIGURL_ZONE_URL: url ?? '',
    KACHERY_ZONE: zone.zoneName,
    FIGURL_TOKEN: user.headers.authorization?.slice('Bearer '.length) ?? '',
    KACHERY_CLOUD_DIR: join(dir, 'cache'),
  };
});
afterAll(async () => {
  await zone?.close();
  rmSync(dir, { recursive: true, force: true });
});

const figurl = (argv: string[]) => runCli(argv, { fetch, env });
const file = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, randomBytes(500));
  return path;
};

async function figurlZone(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runZoneCommand(argv, {
    env: { DATABASE_URL: zone.db.url, FIGURL_BUCKET_URL: `file://${zone.bucketRoot}` },
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return {
    code,
    stdout,
    stderr,
    lines: stdout
      .trimEnd()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

describe('figurl pin, unpin, pins and store --expires', () => {
  test('store pins, --expires makes scratch data; pin and unpin change your pins', async () => {
    const kept = (await figurl(['store', file('kept.bin')])).stdout.trim();
    const scratch = await figurl(['store', file('scratch.bin'), '--expires', '2h']);
    expect(scratch).toMatchObject({ code: 0, stderr: '' });
    const scratchUri = scratch.stdout.trim();
    expect(scratchUri).toMatch(/^sha1:\/\/[0-9a-f]{40}\?label=scratch\.bin$/);

    const pins = (await figurl(['pins'])).stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const bySha1 = new Map(pins.map((p) => [p.sha1, p]));
    expect(bySha1.get(kept.slice(7, 47))).toMatchObject({ expiresAt: null, stored: true });
    const expiresAt = Date.parse(bySha1.get(scratchUri.slice(7, 47))?.expiresAt);
    expect(Math.abs(expiresAt - Date.now() - 2 * 3600_000)).toBeLessThan(60_000);

    // Keeping the scratch data after all: pin it without expiry.
    const pinned = await figurl(['pin', scratchUri]);
    expect(pinned.code).toBe(0);
    expect(JSON.parse(pinned.stdout)).toMatchObject({ sha1: scratchUri.slice(7, 47), expiresAt: null });

    expect(await figurl(['unpin', kept])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const again = await figurl(['unpin', kept]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^figurl: .*has no pin of sha1:\/\/[0-9a-f]{40}\n$/);
  });

  test('bad durations are usage errors that say what is expected', async () => {
    const short = await figurl(['pin', `sha1://${'a'.repeat(40)}`, '--expires', '10m']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--expires: invalid expiry "10m": expected between 1h and 365d');
    const unit = await figurl(['store', file('x.bin'), '--expires', '5x']);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toContain('invalid duration "5x": expected a whole number and a unit (s, m, h, d, w or y)');
    const missing = await figurl(['pin', `sha1://${'b'.repeat(40)}`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`no blob sha1://${'b'.repeat(40)} in this zone`);
  });

  test('figurl zone gc lists, then deletes, what nothing keeps; --grace has a floor', async () => {
    const uri = (await figurl(['store', file('old.bin')])).stdout.trim();
    const sha1 = uri.slice(7, 47);
    await figurl(['unpin', uri]);
    await backdateBlobs(zone.prisma, [sha1], 2 * 3600_000);

    const dry = await figurlZone('gc', '--dry-run', '--grace', '1h');
    expect(dry.code).toBe(0);
    expect(dry.lines.find((l) => l.collectable?.sha1 === sha1)?.collectable).toEqual({
      sha1,
      size: 500,
      createdAt: expect.any(String),
    });
    expect(dry.lines.at(-1).summary).toMatchObject({ dryRun: true, graceMs: 3600_000 });
    expect(zone.hasBytes(sha1)).toBe(true);

    // The default grace (24 h) keeps a two-hour-old blob.
    expect((await figurlZone('gc')).lines.some((l) => l.deleted?.sha1 === sha1)).toBe(false);
    const run = await figurlZone('gc', '--grace', '1h');
    expect(run.code).toBe(0);
    expect(run.lines.find((l) => l.deleted?.sha1 === sha1)?.deleted).toMatchObject({ sha1, size: 500 });
    expect(run.lines.at(-1).summary).toMatchObject({ dryRun: false, bytesLeft: [] });
    expect(zone.hasBytes(sha1)).toBe(false);

    await expect(figurlZone('gc', '--grace', '10s')).rejects.toThrow(/FIGURL_GC_GRACE.*expected at least 1m/);
  });
});
