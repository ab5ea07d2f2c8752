import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../../sdk/src/cli/main.js';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';
import { collector, runCli } from '../../unit/cli/run-cli.js';

let zone: TestZone;
let work: string;
let env: Record<string, string>;

beforeAll(async () => {
  // Upload URLs must name the listening zone, not the inject-only test host.
  zone = await createTestZoneApp({ publicUrl: undefined });
  const url = await zone.app.listen({ host: '127.0.0.1', port: 0 });
  work = await mkdtemp(join(tmpdir(), 'figurl-share-cli-'));
  env = { FIGURL_ZONE_URL: url, KACHERY_ZONE: zone.zoneName, KACHERY_CLOUD_DIR: join(work, 'elsewhere') };
});
afterAll(async () => {
  await zone?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('figurl share and figurl load', () => {
  test('load gets a file only a running share holds; Ctrl-C stops the share with exit 0', async () => {
    const dir = await mkdtemp(join(work, 'lab-'));
    const csv = `unit,rate\n1,${randomBytes(4).toString('hex')}\n`;
    const notes = `notes ${randomBytes(4).toString('hex')}\n`;
    await writeFile(join(dir, 'units.csv'), csv);
    await writeFile(join(dir, 'notes.txt'), notes);
    const name = `lab-${randomBytes(4).toString('hex')}`;
    const interrupt = new AbortController();
    const stderr = collector();
    const sharing = main(['share', dir, '--name', name], {
      env: { ...env, KACHERY_CLOUD_DIR: join(work, 'lab-cache') },
      stdout: collector(),
      stderr,
      fetch,
      isTTY: false,
      signal: interrupt.signal,
    });
    await until(async () => (await zone.prisma.edgeResourceFile.count({ where: { resource: { name } } })) === 2);

    const loaded = await runCli(['load', `sha1://${sha1(csv)}?label=units.csv`], { fetch, env });
    expect(loaded).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(loaded.stdout.trim(), 'utf8')).toBe(csv);

    // On a terminal the wait is announced on stderr.
    const tty = await runCli(['load', `sha1://${sha1(notes)}`], { fetch, env, isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toBe(
      `figurl: sha1://${sha1(notes)} is on resource "${name}" of "anonymous": asking it to upload ${notes.length} bytes\n`,
    );

    // Unknown everywhere: kachery-cloud-load stays quiet, figurl load says so.
    const unknown = `sha1://${sha1(randomBytes(8).toString('hex'))}`;
    expect(await runCli(['kachery-cloud-load', unknown], { fetch, env })).toMatchObject({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect((await runCli(['load', unknown], { fetch, env })).stderr).toMatch(/^figurl: ".*" not found: zone/);

    interrupt.abort();
    expect(await sharing).toBe(0);
    const lines = stderr.bytes().toString().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^figurl share: 2 distinct files, 0\.0 MB in .* \(2 hashed, 0 from the cache, .* s\)$/);
    expect(lines[1]).toMatch(new RegExp(`^figurl share: connected to .* as "${name}" .*; announced 2 files$`));
    expect(lines).toContain(`figurl share: uploading units.csv as sha1://${sha1(csv)} (${csv.length} bytes)`);
    expect(lines.at(-1)).toBe('figurl share: stopped');
    // Every line is one event with the prefix; nothing goes to stdout.
    expect(lines.every((line) => line.startsWith('figurl share: '))).toBe(true);
  });

  test('a bad name is a usage error, a missing folder a one-line failure', async () => {
    const bad = await runCli(['share', work, '--name', 'lab pc'], { fetch, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^figurl: invalid --name "lab pc": expected a name like "lab-pc-3"/);
    const missing = await runCli(['share', join(work, 'nope')], { fetch, env });
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toBe(`figurl: cannot share "${join(work, 'nope')}": expected a folder\n`);
  });
});
