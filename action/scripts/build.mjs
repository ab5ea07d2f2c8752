// Bundles the Action into dist/index.js: every dependency inlined (the runner installs
// nothing), ESM as action/package.json declares ("type": "module"), for Node 20 and newer.
// `node action/scripts/build.mjs [--outfile <path>]`; the unit test builds to a temp file and
// compares it with the committed dist/index.js byte for byte.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const actionDir = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { outfile: { type: 'string' } } });

/**
 * zod's `locales` namespace holds every language's messages (~260 kB minified); zod sets English
 * itself and nothing here asks for another, so the namespace is reduced to English.
 */
const englishZodOnly = {
  name: 'english-zod-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
    }));
  },
};

await build({
  absWorkingDir: actionDir,
  entryPoints: ['src/run.ts'],
  outfile: values.outfile ?? 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'eof',
  // Bundled CommonJS dependencies (undici, tunnel) call require() for Node's built-ins, which an
  // ES module lacks.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  plugins: [englishZodOnly],
  logLevel: 'warning',
});
