import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * G16: our workflows use explicit least permissions and never run a fork's code with a write
 * token. GitHub's rules (docs, "Permissions for the GITHUB_TOKEN"; Security Lab, "Preventing pwn
 * requests"): without `permissions:` a job gets the repository's default (often write-all);
 * `pull_request_target` runs with a write token and secrets, so checking out or running the PR
 * head there hands both to whoever opened the PR.
 */

const workflowsDir = new URL('../../../.github/workflows/', import.meta.url).pathname;

type Yaml = Record<string, unknown>;

/** The PR head, as a checkout `ref`/`repository` or in a `run:` script. */
const prHead = /\$\{\{\s*(?:github\.event\.pull_request\.head\.|github\.head_ref|github\.event\.workflow_run\.head_)/;

/** The events a workflow runs on: `on: push`, `on: [push, pull_request]` or `on: {push: …}`. */
function triggersOf(doc: Yaml): string[] {
  const on = doc.on ?? doc.true; // a YAML 1.1 reader turns a bare `on` key into true
  if (typeof on === 'string') return [on];
  return Array.isArray(on) ? on.map(String) : Object.keys((on ?? {}) as Yaml);
}

/** Every problem in one workflow file's text; empty when it is safe. */
function checkWorkflow(name: string, text: string): string[] {
  const doc = parse(text) as Yaml;
  const problems: string[] = [];
  const checkPermissions = (where: string, permissions: unknown) => {
    if (permissions === undefined) problems.push(`${where}: no permissions (the repository default may be write-all)`);
    else if (permissions === 'write-all') problems.push(`${where}: permissions write-all`);
    else if (typeof permissions === 'object' && permissions !== null) {
      const writes = Object.entries(permissions).filter(([, access]) => access === 'write');
      if (where === name && writes.length > 0) {
        problems.push(
          `${where}: top-level permissions grant ${writes.map(([s]) => s).join(', ')}: write (grant it to the job that needs it)`,
        );
      }
    } else if (permissions !== 'read-all') {
      problems.push(`${where}: permissions ${JSON.stringify(permissions)}`);
    }
  };
  checkPermissions(name, doc.permissions);
  const on = doc.on ?? doc.true; // YAML 1.1 readers turn a bare `on` into true
  const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys((on ?? {}) as Yaml);
  const privileged = triggers.includes('pull_request_target') || triggers.includes('workflow_run');
  for (const [jobId, job] of Object.entries((doc.jobs ?? {}) as Record<string, Yaml>)) {
    const where = `${name} jobs.${jobId}`;
    if (job.uses === undefined || job.permissions !== undefined) checkPermissions(where, job.permissions);
    if (!privileged) continue;
    for (const [i, step] of ((job.steps ?? []) as Yaml[]).entries()) {
      const uses = typeof step.uses === 'string' ? step.uses : '';
      const withs = (step.with ?? {}) as Yaml;
      const checksOutHead =
        uses.startsWith('actions/checkout') && [withs.ref, withs.repository].some((v) => prHead.test(String(v ?? '')));
      const runsHead = typeof step.run === 'string' && prHead.test(step.run);
      if (checksOutHead || runsHead) {
        problems.push(
          `${where}.steps[${i}]: ${checksOutHead ? 'checks out' : 'runs'} the PR head under ${triggers.join('/')}`,
        );
      }
    }
  }
  return problems;
}

describe('G16: our workflow files', () => {
  const files = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));

  it('exist (the self-test at least)', () => {
    expect(files).toContain('figurl-self-test.yml');
  });

  it.each(files)('%s declares least permissions and never runs fork code with a write token', (file) => {
    expect(checkWorkflow(file, readFileSync(join(workflowsDir, file), 'utf8'))).toEqual([]);
  });

  it('run on pull_request, never on pull_request_target', () => {
    for (const file of files) {
      expect(triggersOf(parse(readFileSync(join(workflowsDir, file), 'utf8')))).not.toContain('pull_request_target');
    }
  });
});

describe('G16: the check catches', () => {
  const job =
    'jobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: npm test\n';

  it('a workflow without top-level permissions', () => {
    expect(checkWorkflow('w.yml', `on: pull_request\n${job}`)).toEqual([
      'w.yml: no permissions (the repository default may be write-all)',
    ]);
  });

  it('a job without permissions, and write-all anywhere', () => {
    const text = `on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n`;
    expect(checkWorkflow('w.yml', text)).toEqual([
      'w.yml: permissions write-all',
      'w.yml jobs.a: no permissions (the repository default may be write-all)',
    ]);
  });

  it('a write scope granted to the whole workflow instead of the job', () => {
    expect(checkWorkflow('w.yml', `on: push\npermissions:\n  contents: write\n${job}`)).toEqual([
      'w.yml: top-level permissions grant contents: write (grant it to the job that needs it)',
    ]);
  });

  /** `${{ expression }}` as a workflow writes it. */
  const expr = (expression: string) => `\${{ ${expression} }}`;

  it.each([
    [`ref: ${expr('github.event.pull_request.head.sha')}`, 'checks out'],
    [`ref: ${expr('github.event.pull_request.head.ref')}`, 'checks out'],
    [`ref: ${expr('github.head_ref')}`, 'checks out'],
    [`repository: ${expr('github.event.pull_request.head.repo.full_name')}`, 'checks out'],
  ])('pull_request_target checking out the PR head (%s)', (withLine, verb) => {
    const text = `on:\n  pull_request_target:\n    types: [opened]\npermissions:\n  contents: read\njobs:\n  c:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ${withLine}\n      - run: npm ci && npm test\n`;
    expect(checkWorkflow('t.yml', text)).toEqual([
      `t.yml jobs.c.steps[0]: ${verb} the PR head under pull_request_target`,
    ]);
  });

  it('pull_request_target fetching the head in a script, and workflow_run doing the same', () => {
    const text = (trigger: string) =>
      `on: ${trigger}\npermissions: {}\njobs:\n  c:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: git fetch origin ${expr('github.head_ref')} && git checkout FETCH_HEAD && make\n`;
    expect(checkWorkflow('t.yml', text('pull_request_target'))).toEqual([
      't.yml jobs.c.steps[0]: runs the PR head under pull_request_target',
    ]);
    expect(checkWorkflow('t.yml', text('[workflow_run]'))).toHaveLength(1);
  });

  it('but not pull_request_target that only comments with the base checkout', () => {
    const text = `on: pull_request_target\npermissions:\n  contents: read\njobs:\n  c:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo "PR ${expr('github.event.pull_request.number')}"\n`;
    expect(checkWorkflow('t.yml', text)).toEqual([]);
  });
});
