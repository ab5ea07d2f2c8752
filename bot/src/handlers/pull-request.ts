import type { Context } from 'probot';
import type { BotDeps } from '../lib/bot-deps.js';
import { updatePullRequestFigures } from '../lib/update-pull-request-figures.js';

/**
 * `pull_request` opened, synchronize (a push), reopened: refresh the sticky comment and the
 * check run of the new head. Usually the workflow has not registered figures yet; then the
 * comment is left alone (or not made) and `workflow_run.completed` fills it in.
 */
export async function handlePullRequest(
  context: Context<'pull_request.opened' | 'pull_request.synchronize' | 'pull_request.reopened'>,
  deps: BotDeps,
): Promise<void> {
  const { pull_request: pull } = context.payload;
  await updatePullRequestFigures({
    octokit: context.octokit,
    repo: context.repo(),
    pull: { number: pull.number, headSha: pull.head.sha, baseRef: pull.base.ref },
    deps,
  });
}
