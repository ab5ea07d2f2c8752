import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

describe('the README tour', () => {
  it('shows the code of examples/tour.ts and exactly what it prints', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const source = readFileSync(join(root, 'examples/tour.ts'), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);

    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['examples/tour.ts'], { cwd: root, encoding: 'utf8' });
    // The last line throws on purpose: the CLI-style error line is part of the tour.
    expect(run.status).not.toBe(0);
    const printed = run.stdout.trimEnd();
    const thrown = /FigurlError: .*/.exec(run.stderr)?.[0];
    expect(thrown).toBeDefined();
    expect(readme).toContain(`\`\`\`console\n${printed}\n${thrown}\n\`\`\``);
  });
});
