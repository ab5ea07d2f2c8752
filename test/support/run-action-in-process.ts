import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../../action/src/runner.js';

export interface ActionRun {
  /** The outputs the Action set, from the runner's GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
  /** What it appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** What it printed (workflow commands included). */
  log: string;
  /** Whether it failed the step (`process.exitCode` 1). */
  failed: boolean;
}

/**
 * Runs the Action's entry in this process the way a runner starts it: the runner's variables
 * (`GITHUB_*`, `INPUT_*`) in `process.env`, fresh GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files in
 * `work`, its stdout captured; everything is put back afterwards.
 *
 * @example
 * const run = await runActionInProcess(work, { GITHUB_EVENT_NAME: 'pull_request', 'INPUT_ZONE-URL': zoneUrl, … });
 * JSON.parse(run.outputs.figurls ?? '[]');
 */
export async function runActionInProcess(work: string, variables: Record<string, string>): Promise<ActionRun> {
  const id = Math.random().toString(36).slice(2);
  const outputFile = join(work, `output-${id}`);
  // One summary file per folder, emptied each run: @actions/core's `summary` remembers the path
  // it first wrote to, for the life of the process.
  const summaryFile = join(work, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...variables,
  };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  let log = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    log += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await runAction(env);
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  const failed = process.exitCode === 1;
  process.exitCode = undefined;
  return {
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    log,
    failed,
  };
}

/** The runner's GITHUB_OUTPUT format: `name<<delimiter\nvalue\ndelimiter` per output. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([\w-]+)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[match[1] as string] = match[3] as string;
  }
  return outputs;
}

/**
 * The runner's variables and the Action's inputs for a `pull_request` run: the repository, the
 * event payload file, the temporary merge commit as GITHUB_SHA (the Action records the PR head
 * from the payload instead), GitHub's URLs, and the figures under `<workspace>/figures/`.
 * `overrides` replaces any of them.
 */
export function pullRequestRunEnv(run: {
  repo: string;
  pullNumber: number;
  eventPath: string;
  githubUrl: string;
  workspace: string;
  zoneUrl: string;
  githubToken: string;
  shellUrl: string;
  runId?: string;
  overrides?: Record<string, string>;
}): Record<string, string> {
  return {
    GITHUB_REPOSITORY: run.repo,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: run.eventPath,
    GITHUB_REF: `refs/pull/${run.pullNumber}/merge`,
    GITHUB_SHA: 'b'.repeat(40),
    GITHUB_RUN_ID: run.runId ?? '9001',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: run.githubUrl,
    GITHUB_API_URL: run.githubUrl,
    GITHUB_WORKSPACE: run.workspace,
    'INPUT_ZONE-URL': run.zoneUrl,
    INPUT_TOKEN: '',
    INPUT_FIGURES: `${run.workspace}/figures/**`,
    'INPUT_LABEL-PREFIX': 'ci · ',
    INPUT_COMMENT: 'auto',
    'INPUT_GITHUB-TOKEN': run.githubToken,
    'INPUT_SHELL-URL': run.shellUrl,
    ...run.overrides,
  };
}
