import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import * as glob from '@actions/glob';
import { type ActionInputs, parseActionSettings } from './action-settings.js';
import { type CommentOutcome, type MainResult, main } from './main.js';
import { toRunContext } from './run-context.js';
import { escapeHtml, summaryRows } from './summary-rows.js';

const inputNames = ['zone-url', 'token', 'figures', 'label-prefix', 'comment', 'github-token', 'shell-url'] as const;

/**
 * The Action at the edge: reads the inputs and the runner's variables (GITHUB_*, the event
 * payload at GITHUB_EVENT_PATH) when called, never at import; expands `figures`; runs `main`;
 * writes the outputs, the job summary and the failures. Fails the step (after everything else
 * was written) when an input is bad, nothing matched, a file failed, or the comment failed for
 * another reason than a read-only token.
 *
 * @example
 * await runAction(); // in dist/index.js
 */
export async function runAction(env: Record<string, string | undefined> = process.env): Promise<void> {
  try {
    const inputs = Object.fromEntries(
      inputNames.map((name) => [name, core.getInput(name, { trimWhitespace: name !== 'label-prefix' })]),
    ) as ActionInputs;
    for (const secret of [inputs.token, inputs['github-token']]) if (secret !== '') core.setSecret(secret);
    const settings = parseActionSettings(inputs);
    const payload = env.GITHUB_EVENT_PATH ? JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) : {};
    const run = toRunContext(env, payload, process.cwd());
    const globber = await glob.create(settings.figures, { matchDirectories: false });
    const files = (await globber.glob()).sort();
    if (files.length === 0) {
      throw new Error(
        `no file matches figures ${JSON.stringify(settings.figures)}: expected a glob such as "figures/**/*.json" relative to the workspace`,
      );
    }
    const octokit =
      settings.githubToken === undefined
        ? undefined
        : getOctokit(settings.githubToken, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' });
    const result = await main({ settings, run, files, octokit, log: { info: core.info, warning: core.warning } });
    core.setOutput(
      'figurls',
      JSON.stringify(result.figures.map(({ label, url, file, kind }) => ({ label, url, file, kind }))),
    );
    core.setOutput('first-figurl', result.figures[0]?.url ?? '');
    await writeSummary(result, run.runUrl);
    const problems = [
      ...result.failures.map((f) => `${f.file}: ${f.message}`),
      ...(result.comment.status === 'error' ? [`pull request comment: ${result.comment.reason}`] : []),
    ];
    for (const failure of result.failures) core.error(failure.message, { file: failure.file });
    if (problems.length > 0) {
      core.setFailed(
        `${problems.length} problem${problems.length === 1 ? '' : 's'} (the other figures were published):\n${problems.join('\n')}`,
      );
    }
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}

async function writeSummary(result: MainResult, runUrl: string | undefined): Promise<void> {
  const summary = core.summary.addHeading(
    `figurl: ${result.figures.length} figure${result.figures.length === 1 ? '' : 's'}`,
    3,
  );
  if (result.figures.length > 0) summary.addTable(summaryRows(result.figures));
  if (result.failures.length > 0) {
    summary
      .addHeading('Failed', 4)
      .addList(result.failures.map((f) => `<code>${escapeHtml(f.file)}</code>: ${escapeHtml(f.message)}`));
  }
  summary.addRaw(
    `<p>${describeComment(result.comment)}${runUrl ? ` · <a href="${escapeHtml(runUrl)}">workflow run</a>` : ''}</p>`,
    true,
  );
  await summary.write();
}

function describeComment(comment: CommentOutcome): string {
  switch (comment.status) {
    case 'created':
    case 'updated':
      return `Pull request comment ${comment.status}: <a href="${escapeHtml(comment.url)}">view</a>`;
    case 'app-installed':
      return 'The figurl App comments on the pull request.';
    case 'read-only':
      return 'No pull request comment: the token may not write to the pull request.';
    case 'error':
      return `The pull request comment failed: ${escapeHtml(comment.reason)}`;
    case 'no-token':
      return 'No pull request comment: no github-token.';
    case 'off':
      return 'Pull request comment off.';
    default:
      return 'Not a pull request: no comment.';
  }
}
