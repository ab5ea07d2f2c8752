import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { FigurlError, isPluginName } from '@figurl/sdk';
import type { FastifyInstance } from 'fastify';

export interface PluginHostOptions {
  /** Folder of plugins: `<dir>/<name>/figurl-plugin.json` and the built `<dir>/<name>/dist/`. */
  dir: string | undefined;
  /** Origins of the shells allowed to frame the plugins (CSP frame-ancestors). */
  shellOrigins: string[];
}

export interface PluginManifest {
  name: string;
  title: string;
  description: string;
  /** figurl.org views this plugin stands in for. */
  aliases: string[];
  /** Plugins whose libraries need `eval` (none of ours by default). */
  unsafeEval?: boolean;
}

/**
 * The plugin host: our plugins' static bundles under `/plugins/<name>/…`, on the zone's origin,
 * which is not the shell's, so the shell can sandbox them with `allow-same-origin` and they
 * still cannot reach its cookies or DOM. Every answer carries a Content-Security-Policy: scripts
 * only from the plugin host (no inline, no eval), framed only by the configured shells.
 * `/plugins/index.json` lists what is installed; the shell resolves short names from it.
 */
export async function pluginRoutes(app: FastifyInstance, options: PluginHostOptions): Promise<void> {
  const plugins = findPlugins(options.dir);
  // 'self' too: a plugin may embed figures (markdown), whose shell frames plugins again.
  const ancestors = ["'self'", ...options.shellOrigins].join(' ');
  const csp = (manifest: PluginManifest) =>
    [
      "default-src 'self'",
      `script-src 'self'${manifest.unsafeEval ? " 'unsafe-eval'" : ''}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https:",
      "font-src 'self' data:",
      "connect-src 'self' data: blob: https:",
      `frame-src ${options.shellOrigins.join(' ') || "'none'"}`,
      `frame-ancestors ${ancestors}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'none'",
    ].join('; ');
  await app.register(fastifyStatic, { root: options.dir ?? path.resolve('plugins'), serve: false });

  app.get('/plugins/index.json', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('cache-control', 'no-cache');
    return {
      plugins: [...plugins.values()].map(({ manifest }) => ({
        name: manifest.name,
        title: manifest.title,
        description: manifest.description,
        aliases: manifest.aliases,
      })),
    };
  });

  app.get('/plugins/:name/*', async (request, reply) => {
    const { name, '*': file } = request.params as { name: string; '*': string };
    const plugin = plugins.get(name);
    if (plugin === undefined) {
      throw new FigurlError(
        'NOT_FOUND',
        `no plugin ${JSON.stringify(name)} on this host: it has ${[...plugins.keys()].join(', ') || 'none'}`,
      );
    }
    const relative = file === '' ? 'index.html' : file;
    reply.header('content-security-policy', csp(plugin.manifest));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // Public files: readable from any origin, also from a plugin page framed without
    // allow-same-origin (an opaque origin), which fetches its own module scripts with CORS.
    reply.header('access-control-allow-origin', '*');
    // Hashed asset names never change; the page itself is revalidated so a rebuild shows.
    const immutable = relative.startsWith('assets/');
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.sendFile(relative, path.join(plugin.dir, 'dist'), { cacheControl: false, dotfiles: 'deny' });
  });
}

function findPlugins(dir: string | undefined): Map<string, { dir: string; manifest: PluginManifest }> {
  const found = new Map<string, { dir: string; manifest: PluginManifest }>();
  if (dir === undefined || !existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !isPluginName(entry.name)) continue;
    const pluginDir = path.join(dir, entry.name);
    const manifestPath = path.join(pluginDir, 'figurl-plugin.json');
    if (!existsSync(manifestPath) || !existsSync(path.join(pluginDir, 'dist', 'index.html'))) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Partial<PluginManifest>;
    found.set(entry.name, {
      dir: pluginDir,
      manifest: {
        name: entry.name,
        title: manifest.title ?? entry.name,
        description: manifest.description ?? '',
        aliases: manifest.aliases ?? [],
        unsafeEval: manifest.unsafeEval === true,
      },
    });
  }
  return found;
}
