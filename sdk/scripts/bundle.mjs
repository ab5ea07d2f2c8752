// One esbuild set-up for the repository's bundles: the figurl CLI (sdk/dist/cli.mjs, every
// dependency inlined, so it starts without resolving hundreds of files) and the zone
// (zone/dist/start.mjs, the workspace packages inlined, npm packages imported from
// node_modules as usual). Running plain JavaScript instead of the TypeScript sources through tsx
// saves ~0.3 s of start-up and ~35 MiB resident.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles `entry` into the single ES module `outfile` for Node 20.
 *
 * `packages`: `'all'` inlines every import; `'workspace'` inlines only this repository's own
 * packages (`@figurl/*`) and keeps every other bare import (`fastify`, `@prisma/client`, …)
 * external, so native modules, wasm and packages that find files beside themselves keep
 * working from node_modules.
 *
 * Workspace files that use `import.meta.url` (the Prisma migrations folder, embedded
 * PostgreSQL's binaries, `package.json`) get the URL of their source file, as if they ran
 * unbundled; the bundle must therefore stay in the checkout it was built in.
 *
 * @param {{ entry: string; outfile: string; packages: 'all' | 'workspace'; banner: string }} options
 * @example
 * await bundle({ entry: 'zone/src/start.ts', outfile: 'zone/dist/start.mjs', packages: 'workspace', banner: '// …' });
 */
export async function bundle(options) {
  const { entry, outfile, packages, banner } = options;
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: banner },
    plugins: [...(packages === 'workspace' ? [workspaceOnly] : []), sourceImportMetaUrl(path.dirname(outfile))],
  });
}

/** Bare imports other than `@figurl/…` stay imports: node_modules resolves them at run time. */
const workspaceOnly = {
  name: 'workspace-only',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || path.isAbsolute(args.path) || args.path.startsWith('@figurl/'))
        return undefined;
      return { path: args.path, external: true };
    });
  },
};

/**
 * Replaces `import.meta.url` in the repository's own files with the URL of the file itself,
 * computed relative to the bundle, so `new URL('../migrations/', import.meta.url)` still finds
 * prisma/migrations from zone/dist. Other `import.meta` properties fail the build rather than
 * silently pointing at the bundle.
 *
 * @param {string} outdir
 */
function sourceImportMetaUrl(outdir) {
  return {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (args.path.split(path.sep).includes('node_modules')) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const other = /\bimport\.meta\.(?!url\b)\w+/.exec(source);
        if (other) {
          return { errors: [{ text: `${other[0]} is not supported in bundled sources: use import.meta.url` }] };
        }
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        const contents = source.replace(
          /\bimport\.meta\.url\b/g,
          `new URL(${JSON.stringify(relative)}, import.meta.url).href`,
        );
        return { contents, loader: loaderFor(args.path), resolveDir: path.dirname(args.path) };
      });
    },
  };
}

/** @param {string} file */
function loaderFor(file) {
  return /\.[cm]?ts$/.test(file) ? 'ts' : 'js';
}
