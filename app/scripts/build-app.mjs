// Builds the shell (`next build`) when .next/BUILD_ID is missing or older than any of its
// sources: the app's own files and the sdk it bundles. `npm start` and `npm test` run it; a
// fresh build takes about a minute on two cores, an up-to-date one is skipped in milliseconds.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sources = [
  path.join(app, 'app'),
  path.join(app, 'components'),
  path.join(app, 'lib'),
  path.join(app, 'next.config.ts'),
  path.join(app, 'package.json'),
  path.resolve(app, '../sdk/src'),
];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

const buildId = path.join(app, '.next', 'BUILD_ID');
const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changed = Math.max(...sources.map(newestMtime));
if (built > changed && !process.argv.includes('--force')) {
  process.stderr.write('figurl: shell is up to date\n');
} else {
  process.stderr.write(
    `figurl: building the shell (${built === 0 ? 'first build, about a minute' : 'sources changed'})…\n`,
  );
  const next = path.join(path.dirname(fileURLToPath(import.meta.resolve('next/package.json'))), 'dist/bin/next');
  const result = spawnSync(process.execPath, [next, 'build', '--webpack'], {
    cwd: app,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    process.stderr.write('figurl: building the shell failed (see above)\n');
    process.exit(result.status ?? 1);
  }
}
