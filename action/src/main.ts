import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { createFigurl, createGitHubAppClient, type FigurlContext } from '@figurl/sdk';
import { createNodeHasher } from '@figurl/sdk/node';
import type { ActionSettings } from './action-settings.js';
import { checkAppInstallation, describeRequestError } from './check-app-installation.js';
import type { GitHubClient } from './github-client.js';
import { type PublishedFile, publishFigureFile } from './publish-figure-file.js';
import { renderComment } from './render-comment.js';
import type { RunContext } from './run-context.js';
import { type StickyCommentResult, upsertStickyComment } from './upsert-sticky-comment.js';

/** A file that could not be made into a figure, and why. */
export interface FileFailure {
  file: string;
  message: string;
}

export type CommentOutcome =
  | { status: 'off' | 'not-a-pull-request' | 'no-token' | 'app-installed' }
  | StickyCommentResult
  | { status: 'error'; reason: string };

export interface MainResult {
  figures: PublishedFile[];
  failures: FileFailure[];
  comment: CommentOutcome;
}

export interface MainOptions {
  settings: ActionSettings;
  run: RunContext;
  /** The files `figures` matched, absolute, in order. */
  files: readonly string[];
  /** For the App check and the comment; undefined without a GitHub token. */
  octokit: GitHubClient | undefined;
  log: { info(message: string): void; warning(message: string): void };
  fetch?: typeof globalThis.fetch;
}

/**
 * The Action's work, without `@actions/core`: makes a figure of every file (one bad file does
 * not stop the others; its error is collected), then, on pull requests with `comment: auto`,
 * leaves the comment to the figurl App when it is installed (the zone is asked, then GitHub when
 * the zone has no App credentials; see checkAppInstallation), else creates or updates the one
 * sticky comment. Never throws for a file or a comment: the outcome says what happened.
 *
 * @example
 * const { figures, failures } = await main({ settings, run, files, octokit, log: console });
 */
export async function main(options: MainOptions): Promise<MainResult> {
  const { settings, run, files, log } = options;
  const context: FigurlContext = createFigurl({
    zoneUrl: settings.zoneUrl,
    shellUrl: settings.shellUrl,
    token: settings.zoneToken,
    fetch: options.fetch ?? globalThis.fetch,
    github: run.github,
    createHasher: createNodeHasher,
  });
  const figures: PublishedFile[] = [];
  const failures: FileFailure[] = [];
  for (const path of files) {
    const file = relative(run.workspace, path).split(sep).join('/');
    try {
      const bytes = await readFile(path);
      const published = await publishFigureFile({
        context,
        path,
        file,
        bytes,
        label: `${settings.labelPrefix}${file}`,
      });
      log.info(`${file} (${published.kind}): ${published.url}`);
      figures.push(published);
    } catch (err) {
      failures.push({ file, message: err instanceof Error ? err.message : String(err) });
    }
  }
  const comment = await commentOnPullRequest({ ...options, context, figures, failures });
  return { figures, failures, comment };
}

async function commentOnPullRequest(
  options: MainOptions & {
    context: FigurlContext;
    figures: readonly PublishedFile[];
    failures: readonly FileFailure[];
  },
): Promise<CommentOutcome> {
  const { settings, run, octokit, log } = options;
  if (settings.comment === 'off') return { status: 'off' };
  const pullRequest = run.github?.pullRequest;
  if (run.github === undefined || pullRequest === undefined || !run.eventName?.startsWith('pull_request')) {
    return { status: 'not-a-pull-request' };
  }
  if (octokit === undefined) return { status: 'no-token' };
  const [owner, repo] = run.github.repo.split('/') as [string, string];
  try {
    const zone = createGitHubAppClient(options.context.zone.connection);
    const app = await checkAppInstallation({ zone, octokit, owner, repo });
    if (app.installation === 'installed') {
      log.info(
        `The figurl App is installed on this repository (${app.source === 'zone' ? 'the zone says' : 'GitHub says'}): it comments on the pull request.`,
      );
      return { status: 'app-installed' };
    }
    if (app.installation === 'unknown') {
      log.info(`Could not tell whether the figurl App is installed (${app.reason}); commenting from the Action.`);
    }
    const body = renderComment({
      figures: options.figures,
      failures: options.failures,
      commitSha: run.github.commitSha,
      runUrl: run.runUrl,
    });
    const result = await upsertStickyComment(octokit, { owner, repo, issueNumber: pullRequest, body });
    if (result.status === 'read-only') {
      log.warning(
        `Not commenting on pull request #${pullRequest}: the token may not write to it (${result.reason}). ` +
          'Give the job "permissions: pull-requests: write", or install the figurl App, which also comments on pull requests from forks.',
      );
    }
    return result;
  } catch (err) {
    return { status: 'error', reason: describeRequestError(err) };
  }
}
