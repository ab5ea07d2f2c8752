import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestZoneApp, type TestZone } from '../../support/zone-app.js';

let zone: TestZone;
let pluginsDir: string;

beforeAll(async () => {
  pluginsDir = await mkdtemp(join(tmpdir(), 'figurl-plugins-'));
  const make = async (name: string, manifest: object | undefined, built: boolean) => {
    await mkdir(join(pluginsDir, name, 'dist', 'assets'), { recursive: true });
    if (manifest) await writeFile(join(pluginsDir, name, 'figurl-plugin.json'), JSON.stringify(manifest));
    if (built) {
      await writeFile(join(pluginsDir, name, 'dist', 'index.html'), `<!doctype html><title>${name}</title>`);
      await writeFile(join(pluginsDir, name, 'dist', 'assets', 'main-abc123.js'), 'console.log(1)');
    }
  };
  await make('chart', { title: 'Chart', description: 'draws charts', aliases: ['gs://figurl/chart-1'] }, true);
  await make('evalling', { title: 'Evalling', description: '', aliases: [], unsafeEval: true }, true);
  await make('unbuilt', { title: 'Unbuilt', description: '', aliases: [] }, false);
  await make('nomanifest', undefined, true);
  await writeFile(join(pluginsDir, 'secret.txt'), 'not a plugin file');
  zone = await createTestZoneApp({
    pluginHost: { dir: pluginsDir, shellOrigins: ['http://127.0.0.1:3000', 'https://figurl.example.org'] },
  });
});

afterAll(async () => {
  await zone?.close();
  await rm(pluginsDir, { recursive: true, force: true });
});

describe('plugin host', () => {
  it('lists only plugins that have a manifest and a build', async () => {
    const res = await zone.app.inject({ method: 'GET', url: '/plugins/index.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      plugins: [
        { name: 'chart', title: 'Chart', description: 'draws charts', aliases: ['gs://figurl/chart-1'] },
        { name: 'evalling', title: 'Evalling', description: '', aliases: [] },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    });
  });

  it('serves the page with a CSP: own scripts only, framed only by the shells', async () => {
    const res = await zone.app.inject({ method: 'GET', url: '/plugins/chart/index.html' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>chart</title>');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'self' http://127.0.0.1:3000 https://figurl.example.org");
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets as immutable, and eval only to a plugin whose manifest asks', async () => {
    const asset = await zone.app.inject({ method: 'GET', url: '/plugins/chart/assets/main-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log(1)');
    expect(asset.headers['cache-control']).toContain('immutable');
    // A page framed without allow-same-origin has an opaque origin and loads its module scripts with CORS.
    expect(asset.headers['access-control-allow-origin']).toBe('*');
    const evalling = await zone.app.inject({ method: 'GET', url: '/plugins/evalling/' });
    expect(evalling.statusCode).toBe(200);
    expect(String(evalling.headers['content-security-policy'])).toContain("script-src 'self' 'unsafe-eval'");
  });

  it('refuses unknown plugins, unbuilt ones and paths that leave the bundle', async () => {
    for (const url of [
      '/plugins/nope/index.html',
      '/plugins/unbuilt/index.html',
      '/plugins/nomanifest/index.html',
      '/plugins/chart/../../secret.txt',
      '/plugins/chart/%2e%2e/%2e%2e/secret.txt',
      '/plugins/chart/..%2f..%2fsecret.txt',
      '/plugins/chart/missing.js',
    ]) {
      const res = await zone.app.inject({ method: 'GET', url });
      expect([403, 404], url).toContain(res.statusCode);
      expect(res.body, url).not.toContain('not a plugin file');
    }
  });

  it('lets other origins read blobs, errors included', async () => {
    const res = await zone.app.inject({
      method: 'GET',
      url: `/sha1/${'0'.repeat(40)}?zone=${zone.zoneName}`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});
