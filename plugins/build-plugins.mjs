#!/usr/bin/env node
// Builds each plugin (plugins/<name>/ with a figurl-plugin.json) whose dist/ is missing or older
// than its sources, so `npm start` and `npm test` can call it on every run: an up-to-date plugin
// costs a directory walk. One line per plugin. Usage:
//   node plugins/build-plugins.mjs [--force] [name ...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginsDir = dirname(fileURLToPath(import.meta.url));
const repoDir = dirname(pluginsDir);
/** Sources every plugin bundle includes besides its own directory. */
const sharedSources = [
  join(pluginsDir, 'interface'),
  join(pluginsDir, 'vite-plugin-config.ts'),
  join(pluginsDir, 'tsconfig.json'),
  join(repoDir, 'sdk', 'src', 'protocol'),
  join(repoDir, 'sdk', 'src', 'errors'),
  join(repoDir, 'sdk', 'src', 'uri'),
  join(repoDir, 'sdk', 'src', 'curation'),
  join(repoDir, 'sdk', 'src', 'canonical-json'),
  join(repoDir, 'sdk', 'src', 'schemas'),
];
const skippedDirs = new Set(['node_modules', 'dist', '.vite']);

const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.filter((arg) => !arg.startsWith('--'));

/** Newest (or oldest) file modification time under `path`, walking directories. */
function mtimes(path, pick, start) {
  let result = start;
  const visit = (current) => {
    const stats = statSync(current, { throwIfNoEntry: false });
    if (stats === undefined) return;
    if (stats.isDirectory()) {
      for (const entry of readdirSync(current)) if (!skippedDirs.has(entry)) visit(join(current, entry));
    } else {
      result = pick(result, stats.mtimeMs);
    }
  };
  visit(path);
  return result;
}

function directorySize(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

function formatBytes(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;
}

const plugins = readdirSync(pluginsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(pluginsDir, entry.name, 'figurl-plugin.json')))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
for (const name of only) {
  if (!plugins.includes(name)) {
    console.error(`plugins: no plugin "${name}" (expected plugins/${name}/figurl-plugin.json)`);
    process.exit(1);
  }
}

const sharedNewest = sharedSources.reduce((newest, path) => mtimes(path, Math.max, newest), 0);
let failed = false;
for (const name of plugins) {
  const dir = join(pluginsDir, name);
  const dist = join(dir, 'dist');
  // Sources of the other plugins it imports (sortingview renders Markdown with the markdown plugin's code).
  const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const pluginDeps = Object.keys(dependencies)
    .filter((dep) => dep.startsWith('@figurl/plugin-') && dep !== '@figurl/plugin-interface')
    .map((dep) => join(pluginsDir, dep.slice('@figurl/plugin-'.length), 'src'));
  const sourcesNewest = pluginDeps.reduce(
    (newest, path) => mtimes(path, Math.max, newest),
    mtimes(dir, Math.max, sharedNewest),
  );
  const distOldest = existsSync(join(dist, 'index.html')) ? mtimes(dist, Math.min, Number.POSITIVE_INFINITY) : 0;
  if (!force && distOldest >= sourcesNewest) {
    console.log(`plugins: ${name} is up to date (skipped)`);
    continue;
  }
  const { name: packageName } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const started = performance.now();
  const build = spawnSync('npm', ['run', 'build', '--silent', '--workspace', packageName], {
    cwd: repoDir,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    failed = true;
    console.error(`plugins: ${name} failed to build (npm run build -w ${packageName}):`);
    console.error(`${build.stdout ?? ''}${build.stderr ?? build.error?.message ?? ''}`.trim());
    continue;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`plugins: built ${name} in ${seconds} s (dist ${formatBytes(directorySize(dist))})`);
}
process.exit(failed ? 1 : 0);
