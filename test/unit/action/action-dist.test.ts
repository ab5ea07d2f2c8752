import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../..', import.meta.url).pathname;
const work = await mkdtemp(join(tmpdir(), 'figurl-action-dist-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('action/dist/index.js', () => {
  it('is byte for byte what action/scripts/build.mjs makes from the sources (rebuild and commit it)', async () => {
    const outfile = join(work, 'index.js');
    await promisify(execFile)('node', [join(root, 'action/scripts/build.mjs'), '--outfile', outfile]);
    const [fresh, committed] = await Promise.all([readFile(outfile), readFile(join(root, 'action/dist/index.js'))]);
    expect(fresh.length).toBe(committed.length);
    expect(fresh.equals(committed)).toBe(true);
  });

  it('matches action.yml: the runtime and entry point it declares, and every input the code reads', async () => {
    const yml = await readFile(join(root, 'action/action.yml'), 'utf8');
    expect(yml).toMatch(/runs:\n {2}using: node2[04]\n {2}main: dist\/index\.js/);
    const runner = await readFile(join(root, 'action/src/runner.ts'), 'utf8');
    const read = /inputNames = \[([^\]]*)\]/.exec(runner)?.[1]?.match(/'[^']+'/g) ?? [];
    expect(read.length).toBe(7);
    for (const name of read) expect(yml).toContain(`\n  ${name.slice(1, -1)}:\n`);
  });
});
