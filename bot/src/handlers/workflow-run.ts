import type { Context } from 'probot';
import type { BotDeps } from '../lib/bot-deps.js';
import { updatePullRequestFigures } from '../lib/update-pull-request-figures.js';

/**
 * `workflow_run.completed`: the Action registered figures during the run; now the app
 * comments with its own token, which also works for fork pull requests (whose workflows get
 * a read-only GITHUB_TOKEN). `workflow_run.pull_requests` is empty for forks, so the open pull
 * requests of the head branch are looked up then.
 */
export async function handleWorkflowRun(context: Context<'workflow_run.completed'>, deps: BotDeps): Promise<void> {
  const run = context.payload.workflow_run;
  const repo = context.repo();
  let numbers = (run.pull_requests ?? []).flatMap((pull) => (pull === null ? [] : [pull.number]));
  const headOwner = run.head_repository?.owner?.login;
  if (numbers.length === 0 && headOwner != null && run.head_branch != null) {
    const { data } = await context.octokit.rest.pulls.list({
      ...repo,
      state: 'open',
      head: `${headOwner}:${run.head_branch}`,
      per_page: 10,
    });
    numbers = data.filter((pull) => pull.head.sha === run.head_sha).map((pull) => pull.number);
  }
  for (const number of numbers) {
    // The pull request as it is now: its head may have moved on since the run started.
    const { data: pull } = await context.octokit.rest.pulls.get({ ...repo, pull_number: number });
    if (pull.state !== 'open') continue;
    await updatePullRequestFigures({
      octokit: context.octokit,
      repo,
      pull: { number, headSha: pull.head.sha, baseRef: pull.base.ref },
      deps,
    });
  }
}
