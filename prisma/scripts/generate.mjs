#!/usr/bin/env node
/**
 * Generates the Prisma client into prisma/generated (run by `npm run generate`, and so by the
 * root `postinstall`, `prestart` and `pretest`).
 *
 * Why not plain `prisma generate`: the CLI insists on its native schema-engine binary being on
 * disk (it downloads it otherwise), although `generate` never runs it. Pointing
 * PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download, so this works offline and
 * without dependency install scripts. This script is an edge: it may read process.env.
 *
 * @example
 *   node prisma/scripts/generate.mjs   # prints one line, or the CLI output and exit code 1
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const configFile = path.join(prismaDir, 'prisma.config.ts');

function fail(message, output = '') {
  if (output.trim() !== '') process.stderr.write(`${output.trimEnd()}\n`);
  process.stderr.write(`\n@figurl/prisma generate failed: ${message}\n`);
  process.exit(1);
}

function findPrismaCli() {
  try {
    const packageJson = createRequire(configFile).resolve('prisma/package.json');
    return path.join(path.dirname(packageJson), 'build', 'index.js');
  } catch {
    return fail(
      'the "prisma" CLI package is not installed (it is a devDependency of @figurl/prisma); ' +
        'run `npm install` at the repository root, without --omit=dev.',
    );
  }
}

const configuredEngine = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
const engineBinary = configuredEngine && existsSync(configuredEngine) ? configuredEngine : process.execPath;

const result = spawnSync(process.execPath, [findPrismaCli(), 'generate', '--config', configFile], {
  cwd: prismaDir,
  encoding: 'utf8',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: engineBinary,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});

const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
if (result.error) fail(`could not run the prisma CLI: ${result.error.message}`, output);
if (result.status !== 0) {
  fail(
    `\`prisma generate\` exited with ${result.status ?? `signal ${result.signal}`}; ` +
      `check ${path.join(prismaDir, 'schema.prisma')} and ${configFile} (output above).`,
    output,
  );
}
process.stdout.write(`@figurl/prisma: generated the Prisma client in ${path.join(prismaDir, 'generated')}\n`);
