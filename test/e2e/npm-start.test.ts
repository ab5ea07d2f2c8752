import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDatabaseUrl } from '../support/database.js';

const root = new URL('../..', import.meta.url).pathname;

/** Runs the zone as `npm start` does (node zone/dist/start.mjs), on a free port. */
function startZoneProcess(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['zone/dist/start.mjs'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FIGURL_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => {
    output += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    output += b.toString();
  });
  return { child, output: () => output };
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm start (the zone process)', () => {
  // `npm start` builds the bundle first (prestart → generate); so does this test, from the
  // sources it tests.
  beforeAll(() => {
    execFileSync(process.execPath, ['zone/scripts/build-zone.mjs'], { cwd: root, stdio: 'inherit' });
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'figurl-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves health and readiness on loopback, then stops cleanly on SIGTERM', async () => {
    const { child, output } = startZoneProcess({ DATABASE_URL: getDatabaseUrl(), FIGURL_DATA_DIR: dataDir });
    try {
      const url = await waitFor(
        'the listening line',
        () => /zone listening at (http:\/\/\S+)/.exec(output())?.[1],
        60_000,
      );
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', version: '0.1.0' });
      const ready = await fetch(`${url}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
      const missing = await fetch(`${url}/nope?x=1`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('GET /nope') });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitOf(child)).toBe(0);
    expect(output()).toContain('SIGTERM: stopping');
  });

  it('refuses a bad setting with one line naming the variable, and exits non-zero', async () => {
    const { child, output } = startZoneProcess({ DATABASE_URL: getDatabaseUrl(), FIGURL_PORT: 'eighty' });
    expect(await exitOf(child)).toBe(1);
    expect(output().trim()).toBe('figurl: invalid environment: FIGURL_PORT "eighty": expected number');
  });
});
